using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.PassThrough;

/// <summary>Reads MBTiles 1.3 files: the <c>metadata</c> table, and tiles by XYZ address (rows are stored in TMS order).</summary>
internal static class MbTilesFile
{
    /// <summary>A read-only connection to <paramref name="path"/> (pooled: a tile read opens one).</summary>
    public static SqliteConnection Open(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString());

    /// <summary>Reads the metadata; the error says what is wrong with the file (not SQLite, no tables, no or an unknown format).</summary>
    public static bool TryReadInfo(string path, [NotNullWhen(true)] out MbTilesInfo? info, [NotNullWhen(false)] out string? error)
    {
        info = null;
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var connection = Open(path);
            connection.Open();
            using (var probe = connection.CreateCommand())
            {
                probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'tiles'";
                if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    error = "it has no 'tiles' table or view";
                    return false;
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, value FROM metadata";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0) && !reader.IsDBNull(1))
                {
                    rows[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }
        catch (SqliteException e)
        {
            error = $"it cannot be read as an MBTiles (SQLite) file: {e.Message}";
            return false;
        }

        if (!rows.TryGetValue("format", out string? text))
        {
            error = "its metadata table has no 'format' row";
            return false;
        }

        // MBTiles says jpg; our layers' formats say jpeg and read jpg as it.
        string? format = LayerProviderOptions.NormalizeFormat(text) switch
        {
            "png" => "png",
            LayerProviderOptions.JpegFormat => LayerProviderOptions.JpegFormat,
            "webp" => "webp",
            "pbf" or "mvt" => "mvt",
            _ => null,
        };
        if (format is null)
        {
            error = $"its metadata format '{text}' is not one of png, jpg, webp, pbf";
            return false;
        }

        info = new MbTilesInfo(format, Zoom(rows, "minzoom"), Zoom(rows, "maxzoom"), Bounds(rows), rows.GetValueOrDefault("attribution"));
        error = null;
        return true;
    }

    /// <summary>The tile's bytes, or null when the file has no such row.</summary>
    public static async ValueTask<byte[]?> ReadTileAsync(string path, TileCoord tile, CancellationToken cancellationToken)
    {
        await using var connection = Open(path);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tile_data FROM tiles WHERE zoom_level = $z AND tile_column = $x AND tile_row = $y";
        command.Parameters.AddWithValue("$z", tile.Z);
        command.Parameters.AddWithValue("$x", tile.X);
        command.Parameters.AddWithValue("$y", tile.TmsY);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    private static int? Zoom(Dictionary<string, string> rows, string name) =>
        rows.TryGetValue(name, out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int zoom) && zoom <= TileCoord.MaxSupportedZoom ? zoom : null;

    private static double[]? Bounds(Dictionary<string, string> rows)
    {
        if (!rows.TryGetValue("bounds", out string? text))
        {
            return null;
        }

        string[] parts = text.Split(',');
        var values = new double[4];
        for (int i = 0; i < values.Length; i++)
        {
            if (parts.Length != 4 || !double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        // MBTiles bounds may reach ±90; the map stops at Web Mercator's edge.
        double limit = Math.Round(WebMercator.MaxLatitude, 4);
        values[1] = Math.Clamp(values[1], -limit, limit);
        values[3] = Math.Clamp(values[3], -limit, limit);
        return values[0] < values[2] && values[1] < values[3] ? values : null;
    }
}
