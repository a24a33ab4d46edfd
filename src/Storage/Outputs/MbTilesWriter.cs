using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Writes a tile tree <c>{treeRoot}/{z}/{x}/{y}.{format}</c> (XYZ rows) into one MBTiles 1.3
/// file: the <c>metadata</c> and <c>tiles</c> tables, rows in TMS order, a unique index on
/// (zoom_level, tile_column, tile_row) and the MBTiles <c>application_id</c>.
/// </summary>
public static class MbTilesWriter
{
    /// <summary>SQLite's application_id for MBTiles: "MPBX".</summary>
    internal const int ApplicationId = 0x4D504258;

    /// <summary>Tiles between two progress reports.</summary>
    internal const int ProgressInterval = 256;

    /// <summary>
    /// Writes the MBTiles file through <c>{destinationPath}.partial</c> and a rename, so a job
    /// restarted after a crash simply runs it again. A failure or cancellation removes the partial
    /// file and leaves <paramref name="destinationPath"/> as it was.
    /// </summary>
    /// <param name="treeRoot">The tile tree; names that are not tiles are skipped.</param>
    /// <param name="destinationPath">The MBTiles file to create or replace.</param>
    /// <param name="metadata">Name, bounds and zoom range; validated first.</param>
    /// <param name="progress">Receives the number of tiles written so far, every 256 tiles and at the end.</param>
    /// <param name="cancellationToken">Stops the write between two tiles.</param>
    /// <exception cref="ArgumentException">A field of <paramref name="metadata"/> is out of range; the message names it.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="treeRoot"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">The tree holds no tiles, or a tile outside the grid.</exception>
    public static Task WriteAsync(string treeRoot, string destinationPath, MbTilesMetadata metadata, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata.ThrowIfInvalid();
        var tiles = TileTree.Enumerate(treeRoot, metadata.Format, TileRowOrder.Xyz);
        return PartialFile.WriteAsync(destinationPath, (partial, ct) => WriteDatabaseAsync(partial, tiles, treeRoot, metadata, progress, ct), cancellationToken);
    }

    private static async Task WriteDatabaseAsync(
        string path, IEnumerable<TreeTile> tiles, string treeRoot, MbTilesMetadata metadata, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // No pooling: the file must be closed when this returns, to be renamed or deleted.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        await using var connection = new SqliteConnection(connectionString.ToString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(
            connection,
            $"""
            PRAGMA application_id = {ApplicationId};
            PRAGMA journal_mode = MEMORY;
            CREATE TABLE metadata (name TEXT NOT NULL, value TEXT NOT NULL);
            CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);
            """,
            cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await InsertMetadataAsync(connection, metadata, cancellationToken);
        long written = await InsertTilesAsync(connection, tiles, progress, cancellationToken);
        if (written == 0)
        {
            throw new InvalidDataException($"The tile tree '{treeRoot}' holds no {{z}}/{{x}}/{{y}}.{metadata.Format} tiles");
        }

        // Indexes after the rows: one sort instead of a b-tree insert per tile.
        await ExecuteAsync(
            connection,
            """
            CREATE UNIQUE INDEX name ON metadata (name);
            CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
            """,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(written);
    }

    private static async Task InsertMetadataAsync(SqliteConnection connection, MbTilesMetadata metadata, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO metadata (name, value) VALUES ($name, $value)";
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Text);
        foreach (var (key, text) in MetadataRows(metadata))
        {
            name.Value = key;
            value.Value = text;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The MBTiles 1.3 metadata rows of <paramref name="metadata"/>.</summary>
    internal static IEnumerable<(string Name, string Value)> MetadataRows(MbTilesMetadata metadata)
    {
        var invariant = CultureInfo.InvariantCulture;
        yield return ("name", metadata.Name);
        yield return ("format", metadata.Format);
        yield return ("bounds", string.Create(invariant, $"{metadata.West},{metadata.South},{metadata.East},{metadata.North}"));
        yield return ("center", string.Create(invariant, $"{metadata.CenterLongitude},{metadata.CenterLatitude},{metadata.CenterZoom}"));
        yield return ("minzoom", metadata.MinZoom.ToString(invariant));
        yield return ("maxzoom", metadata.MaxZoom.ToString(invariant));
        yield return ("attribution", metadata.Attribution);
        if (metadata.Description is { } description)
        {
            yield return ("description", description);
        }

        yield return ("type", "baselayer");
        yield return ("version", "1.0.0");
    }

    private static async Task<long> InsertTilesAsync(SqliteConnection connection, IEnumerable<TreeTile> tiles, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES ($z, $x, $y, $data)";
        var z = insert.Parameters.Add("$z", SqliteType.Integer);
        var x = insert.Parameters.Add("$x", SqliteType.Integer);
        var y = insert.Parameters.Add("$y", SqliteType.Integer);
        var data = insert.Parameters.Add("$data", SqliteType.Blob);
        long written = 0;
        foreach (var tile in tiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            z.Value = tile.Tile.Z;
            x.Value = tile.Tile.X;
            y.Value = tile.Tile.TmsY;
            data.Value = await File.ReadAllBytesAsync(tile.Path, cancellationToken);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (++written % ProgressInterval == 0)
            {
                progress?.Report(written);
            }
        }

        return written;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
