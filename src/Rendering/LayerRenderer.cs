using System.Diagnostics;
using Npgsql;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.UtfGrid;
using TileCluster.Rendering.VectorTiles;
using TileCluster.Storage;

namespace TileCluster.Rendering;

/// <summary>
/// A render thread's renderer for every layer kind: metatiles of vector and UTFGrid layers are
/// built from their style's queries, all others (and every export) go to the raster renderer.
/// Owned by one thread, like the raster renderer it wraps.
/// </summary>
internal sealed class LayerRenderer(IMapRenderer raster, IReadOnlyDictionary<string, VectorLayer> vectorLayers, IReadOnlyDictionary<string, UtfGridLayer> gridLayers, NpgsqlDataSource dataSource) : IMapRenderer
{
    private readonly Dictionary<string, VectorTileBuilder> _builders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UtfGridBuilder> _gridBuilders = new(StringComparer.Ordinal);
    private bool _lastWasBuilt;
    private RenderBreakdown _builtBreakdown;

    /// <inheritdoc />
    public RenderBreakdown LastBreakdown => _lastWasBuilt ? _builtBreakdown : raster.LastBreakdown;

    /// <inheritdoc />
    public RenderedMetatile Render(MetatileKey key, CancellationToken cancellationToken)
    {
        if (gridLayers.TryGetValue(key.Style, out var gridLayer))
        {
            return RenderGrid(key, gridLayer, cancellationToken);
        }

        if (!vectorLayers.TryGetValue(key.Style, out var layer))
        {
            _lastWasBuilt = false;
            return raster.Render(key, cancellationToken);
        }

        if (!_builders.TryGetValue(key.Style, out var builder))
        {
            builder = new VectorTileBuilder(layer.Style, layer.Properties, layer.Encoding);
            _builders.Add(key.Style, builder);
        }

        long start = Stopwatch.GetTimestamp();
        RenderedMetatile tiles;
        using (var connection = dataSource.OpenConnection())
        {
            tiles = builder.Build(connection, key.Metatile, cancellationToken);
        }

        // PostGIS encodes the tiles in the query, so all of a vector render is query time.
        _builtBreakdown = new RenderBreakdown(Stopwatch.GetElapsedTime(start), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0);
        _lastWasBuilt = true;
        return tiles;
    }

    private RenderedMetatile RenderGrid(MetatileKey key, UtfGridLayer layer, CancellationToken cancellationToken)
    {
        if (!_gridBuilders.TryGetValue(key.Style, out var builder))
        {
            builder = new UtfGridBuilder(layer);
            _gridBuilders.Add(key.Style, builder);
        }

        long start = Stopwatch.GetTimestamp();
        RenderedMetatile tiles;
        using (var connection = dataSource.OpenConnection())
        {
            tiles = builder.Build(connection, key, cancellationToken);
        }

        // Queries and drawing are not told apart for grids: the drawing is a small bitmap.
        _builtBreakdown = new RenderBreakdown(Stopwatch.GetElapsedTime(start), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0);
        _lastWasBuilt = true;
        return tiles;
    }

    /// <inheritdoc />
    public void RenderArea(ExportRequest request, SKCanvas target, CancellationToken cancellationToken) => raster.RenderArea(request, target, cancellationToken);

    /// <inheritdoc />
    public ExportLabel[] PlaceLabels(ExportRequest request, CancellationToken cancellationToken) => raster.PlaceLabels(request, cancellationToken);

    /// <inheritdoc />
    public void RenderStrip(ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, SKCanvas target, CancellationToken cancellationToken) =>
        raster.RenderStrip(request, labels, topPx, heightPx, target, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var builder in _gridBuilders.Values)
        {
            builder.Dispose();
        }

        raster.Dispose();
    }
}
