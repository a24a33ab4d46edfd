using System.Text;
using Npgsql;
using NpgsqlTypes;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;
using TileCluster.Storage;

namespace TileCluster.Rendering.VectorTiles;

/// <summary>
/// Makes the vector tiles of a whole metatile from a style's layer queries: one statement per
/// visible style layer, its per-tile results joined into one tile. An MVT tile is the
/// concatenation of its layer messages (each style layer is an MVT layer of the same name), left
/// uncompressed; an empty array is a tile with nothing in it. A GeoJSON tile is one
/// FeatureCollection whose features name their style layer in the <c>layer</c> property.
/// Synchronous: it runs on a render thread, like the raster renderer.
/// </summary>
internal sealed class VectorTileBuilder(MapStyle style, IReadOnlyCollection<string>? properties, VectorEncoding encoding)
{
    private static readonly byte[] EmptyFeatureCollection = """{"type":"FeatureCollection","features":[]}"""u8.ToArray();
    private readonly Dictionary<int, VectorQuery?[]> _queries = [];

    /// <summary>Builds the tiles of <paramref name="metatile"/> from <paramref name="connection"/>.</summary>
    public RenderedMetatile Build(NpgsqlConnection connection, MetatileCoord metatile, CancellationToken cancellationToken)
    {
        int side = metatile.TilesPerSide;
        var mvt = encoding.GeoJson ? null : new MemoryStream[side * side];
        var features = encoding.GeoJson ? new StringBuilder?[side * side] : null;

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

                int index = ((reader.GetInt32(0) - metatile.X) * side) + (reader.GetInt32(1) - metatile.Y);
                if (features is not null)
                {
                    // json_agg gives "[f1, f2, …]": its inside joins the tile's list.
                    string array = reader.GetString(2);
                    var into = features[index] ??= new StringBuilder("""{"type":"FeatureCollection","features":[""");
                    if (into[^1] != '[')
                    {
                        into.Append(',');
                    }

                    into.Append(array, 1, array.Length - 2);
                }
                else
                {
                    (mvt![index] ??= new MemoryStream()).Write(reader.GetFieldValue<byte[]>(2));
                }
            }
        }

        var tiles = new byte[side * side][];
        for (int i = 0; i < tiles.Length; i++)
        {
            tiles[i] = features is not null
                ? features[i] is { } collection ? Encoding.UTF8.GetBytes(collection.Append("]}").ToString()) : EmptyFeatureCollection
                : mvt![i]?.ToArray() ?? [];
        }

        return new RenderedMetatile(side, tiles);
    }

    private VectorQuery?[] QueriesFor(int zoom)
    {
        if (!_queries.TryGetValue(zoom, out var queries))
        {
            queries = [.. style.Layers.Select(layer => VectorQueryBuilder.Build(layer, zoom, properties, encoding))];
            _queries[zoom] = queries;
        }

        return queries;
    }
}
