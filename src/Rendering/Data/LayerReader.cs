using Npgsql;
using NpgsqlTypes;

namespace TileCluster.Rendering.Data;

/// <summary>
/// Runs a <see cref="LayerQuery"/> for one metatile and decodes the rows into a
/// <see cref="FeatureSet"/>. Synchronous: renders run on dedicated threads.
/// </summary>
internal sealed class LayerReader
{
    private byte[] _wkb = new byte[64 * 1024];

    /// <summary>Fills <paramref name="into"/> with the rows of <paramref name="query"/> in <paramref name="frame"/>.</summary>
    public void Read(NpgsqlConnection connection, LayerQuery query, in MetatileFrame frame, double minAreaMetres, FeatureSet into)
    {
        into.Reset(query.Columns.Length);
        using var command = new NpgsqlCommand(query.Sql, connection);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<double>("x0", frame.MinX));
        parameters.Add(new NpgsqlParameter<double>("y0", frame.MinY));
        parameters.Add(new NpgsqlParameter<double>("x1", frame.MaxX));
        parameters.Add(new NpgsqlParameter<double>("y1", frame.MaxY));
        parameters.Add(new NpgsqlParameter<double>("fx0", frame.MinX));
        parameters.Add(new NpgsqlParameter<double>("fy0", frame.FilterMinY));
        parameters.Add(new NpgsqlParameter<double>("fx1", frame.MaxX));
        parameters.Add(new NpgsqlParameter<double>("fy1", frame.FilterMaxY));
        if (query.Simplifies)
        {
            parameters.Add(new NpgsqlParameter<double>("tolerance", frame.MetresPerPixel * LayerQueryBuilder.TolerancePx));
        }

        if (query.FiltersArea)
        {
            // way_area is real (float4); a double parameter still compares correctly.
            parameters.Add(new NpgsqlParameter<double>("min_area", minAreaMetres));
        }

        for (int i = 0; i < query.ValueLists.Length; i++)
        {
            parameters.Add(new NpgsqlParameter<string[]>($"v{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = query.ValueLists[i] });
        }

        using var reader = command.ExecuteReader();
        var transform = frame.Transform;
        int columns = query.Columns.Length;
        while (reader.Read())
        {
            if (reader.IsDBNull(1))
            {
                continue;
            }

            int length = (int)reader.GetBytes(1, 0, null, 0, 0);
            if (length > _wkb.Length)
            {
                _wkb = new byte[Math.Max(length, _wkb.Length * 2)];
            }

            reader.GetBytes(1, 0, _wkb, 0, length);
            if (WkbReader.Read(_wkb.AsSpan(0, length), transform, into.Geometry) == 0)
            {
                continue;
            }

            int feature = into.Add(reader.GetInt64(0));
            for (int c = 0; c < columns; c++)
            {
                into.SetValue(feature, c, reader.IsDBNull(c + 2) ? null : reader.GetString(c + 2));
            }
        }
    }
}
