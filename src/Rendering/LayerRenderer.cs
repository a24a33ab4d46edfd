using System.Diagnostics;
using Npgsql;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Composite;
using TileCluster.Rendering.Imaging;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Url;
using TileCluster.Rendering.UtfGrid;
using TileCluster.Rendering.VectorTiles;
using TileCluster.Storage;

namespace TileCluster.Rendering;

/// <summary>
/// A render thread's renderer for every layer kind: metatiles of vector and UTFGrid layers are
/// built from their style's queries, url layers fetched from their upstream, composite layers blended from
/// their members' pixels; style layers (and every export) go to the raster renderer. Owned by one
/// thread, like the raster renderer it wraps.
/// </summary>
internal sealed class LayerRenderer(
    MapRenderer raster,
    StyleCatalog catalog,
    NpgsqlDataSource dataSource,
    UpstreamClient upstream,
    int bufferPx,
    Func<int> encodeWorkers) : IMapRenderer
{
    private readonly Dictionary<string, VectorTileBuilder> _builders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UtfGridBuilder> _gridBuilders = new(StringComparer.Ordinal);
    private readonly UrlLayerRenderer _urls = new(upstream);
    private readonly CompositeRenderer _composites = new();
    private bool _lastWasRaster = true;
    private RenderBreakdown _ownBreakdown;

    /// <inheritdoc />
    public RenderBreakdown LastBreakdown => _lastWasRaster ? raster.LastBreakdown : _ownBreakdown;

    /// <inheritdoc />
    public RenderedMetatile Render(MetatileKey key, CancellationToken cancellationToken)
    {
        if (catalog.VectorLayers.TryGetValue(key.Style, out var vector))
        {
            return RenderVector(key, vector, cancellationToken);
        }

        if (catalog.GridLayers.TryGetValue(key.Style, out var grid))
        {
            return RenderGrid(key, grid, cancellationToken);
        }

        TileImageFormat format;
        if (catalog.UrlLayers.TryGetValue(key.Style, out var url))
        {
            format = url.Format;
        }
        else if (catalog.CompositeLayers.TryGetValue(key.Style, out var composite))
        {
            format = composite.Format;
        }
        else
        {
            _lastWasRaster = true;
            return raster.Render(key, cancellationToken);
        }

        long start = Stopwatch.GetTimestamp();
        var pixels = Draw(key, cancellationToken);
        long encodeStart = Stopwatch.GetTimestamp();
        var tiles = MetatileEncoder.Encode(pixels.Canvas, pixels.BufferPx, pixels.TileSizePx, pixels.TilesPerSide, format, Math.Max(1, encodeWorkers()), buffers: raster.EncodeBuffers);

        // Fetching (or drawing the members) counts as drawing; only the encoding is apart.
        _ownBreakdown = new RenderBreakdown(TimeSpan.Zero, Stopwatch.GetElapsedTime(start, encodeStart), TimeSpan.Zero, Stopwatch.GetElapsedTime(encodeStart), 0);
        _lastWasRaster = false;
        return tiles;
    }

    /// <inheritdoc />
    public void WarmUp() => raster.WarmUp();

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

        _composites.Dispose();
        _urls.Dispose();
        raster.Dispose();
    }

    /// <summary>The pixels of a style, url or composite layer's metatile, before encoding (a composite's members come through here).</summary>
    private MetatilePixels Draw(MetatileKey key, CancellationToken cancellationToken)
    {
        if (catalog.UrlLayers.TryGetValue(key.Style, out var url))
        {
            return _urls.Draw(key, url, catalog.BufferPxByLayer.GetValueOrDefault(key.Style, bufferPx), cancellationToken);
        }

        if (catalog.CompositeLayers.TryGetValue(key.Style, out var composite))
        {
            return _composites.Draw(key, composite, Draw, cancellationToken);
        }

        return raster.Draw(key, cancellationToken);
    }

    private RenderedMetatile RenderVector(MetatileKey key, VectorLayer layer, CancellationToken cancellationToken)
    {
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
        _ownBreakdown = new RenderBreakdown(Stopwatch.GetElapsedTime(start), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0);
        _lastWasRaster = false;
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
        _ownBreakdown = new RenderBreakdown(Stopwatch.GetElapsedTime(start), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0);
        _lastWasRaster = false;
        return tiles;
    }
}
