using System.Buffers;
using Npgsql;
using NpgsqlTypes;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;
using TileCluster.Storage;

namespace TileCluster.Rendering.VectorTiles;

/// <summary>
/// Makes the Mapbox Vector Tiles of a whole metatile from a style's layer queries: one statement
/// per visible style layer (each an MVT layer of the same name), its per-tile results
/// concatenated into one tile (an MVT tile is a sequence of layer messages). Tiles are
/// uncompressed protobuf; an empty array is a tile with nothing in it. Synchronous: it runs on a
/// render thread, like the raster renderer.
/// </summary>
internal sealed class VectorTileBuilder(MapStyle style, IReadOnlyCollection<string>? properties)
{
    private readonly Dictionary<int, VectorQuery?[]> _queries = [];

    /// <summary>Builds the tiles of <paramref name="metatile"/> from <paramref name="connection"/>.</summary>
    public RenderedMetatile Build(NpgsqlConnection connection, MetatileCoord metatile, CancellationToken cancellationToken)
    {
        int side = metatile.TilesPerSide;
        var buffers = new ArrayBufferWriter<byte>[side * side];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = new ArrayBufferWriter<byte>();
        }

        double tileMetres = WebMercator.MetresPerPixel(metatile.Z) * WebMercator.TileSizePx;
        double margin = tileMetres * VectorQueryBuilder.Buffer / VectorQueryBuilder.Extent;
        double minX = WebMercator.ColumnEdgeX(metatile.Z, metatile.X) - margin;
        double maxX = WebMercator.ColumnEdgeX(metatile.Z, metatile.X + side) + margin;
        double maxY = WebMercator.RowEdgeY(metatile.Z, metatile.Y) + margin;
        double minY = WebMercator.RowEdgeY(metatile.Z, metatile.Y + side) - margin;

        foreach (var query in QueriesFor(metatile.Z))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (query is null)
            {
                continue;
            }

            using var command = new NpgsqlCommand(query.Sql, connection);
            var parameters = command.Parameters;
            parameters.Add(new NpgsqlParameter<int>("z", metatile.Z));
            parameters.Add(new NpgsqlParameter<int>("tx0", metatile.X));
            parameters.Add(new NpgsqlParameter<int>("tx1", metatile.X + side - 1));
            parameters.Add(new NpgsqlParameter<int>("ty0", metatile.Y));
            parameters.Add(new NpgsqlParameter<int>("ty1", metatile.Y + side - 1));
            parameters.Add(new NpgsqlParameter<double>("x0", minX));
            parameters.Add(new NpgsqlParameter<double>("y0", minY));
            parameters.Add(new NpgsqlParameter<double>("x1", maxX));
            parameters.Add(new NpgsqlParameter<double>("y1", maxY));
            if (query.Simplifies)
            {
                parameters.Add(new NpgsqlParameter<double>("tolerance", tileMetres / WebMercator.TileSizePx * VectorQueryBuilder.TolerancePx));
            }

            if (query.FiltersArea)
            {
                parameters.Add(new NpgsqlParameter<double>("min_area", LayerQueryBuilder.MinAreaMetres(query.MinAreaPx, metatile.Z)));
            }

            for (int i = 0; i < query.ValueLists.Length; i++)
            {
                parameters.Add(new NpgsqlParameter<string[]>($"v{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = query.ValueLists[i] });
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(2))
                {
                    continue;
                }

                int dx = reader.GetInt32(0) - metatile.X;
                int dy = reader.GetInt32(1) - metatile.Y;
                buffers[(dx * side) + dy].Write(reader.GetFieldValue<byte[]>(2));
            }
        }

        return new RenderedMetatile(side, [.. buffers.Select(b => b.WrittenSpan.ToArray())]);
    }

    private VectorQuery?[] QueriesFor(int zoom)
    {
        if (!_queries.TryGetValue(zoom, out var queries))
        {
            queries = [.. style.Layers.Select(layer => VectorQueryBuilder.Build(layer, zoom, properties))];
            _queries[zoom] = queries;
        }

        return queries;
    }
}
