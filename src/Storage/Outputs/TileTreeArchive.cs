using System.Globalization;
using System.IO.Compression;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Zips a tile tree <c>{treeRoot}/{z}/{x}/{y}.png</c> (XYZ rows), one tile at a time, with
/// entries <c>{z}/{x}/{y}.png</c> in XYZ or TMS row order.
/// </summary>
public static class TileTreeArchive
{
    // A fixed entry time, so one tree always gives the same bytes (a resumed job's zip equals an uninterrupted one's).
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes the zip through <c>{destinationPath}.partial</c> and a rename. PNGs are stored,
    /// not deflated again. In TMS order, rows are flipped (<c>2^z - 1 - y</c>) and a
    /// <c>tilemapresource.xml</c> follows the tiles, titled after the zip's file name, with the
    /// zoom range of the tree and the tile-aligned extent of its deepest zoom. A failure or
    /// cancellation removes the partial file and leaves <paramref name="destinationPath"/> as it was.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="treeRoot"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">The tree holds no tiles, or a tile outside the grid.</exception>
    public static Task WriteZipAsync(string treeRoot, string destinationPath, TileRowOrder order, CancellationToken cancellationToken)
    {
        if (order is not (TileRowOrder.Xyz or TileRowOrder.Tms))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "The row order must be Xyz or Tms");
        }

        var tiles = TileTree.Enumerate(treeRoot, "png", order);
        string title = Path.GetFileNameWithoutExtension(destinationPath);
        return PartialFile.WriteAsync(destinationPath, (partial, ct) => WriteArchiveAsync(partial, tiles, treeRoot, order, title, ct), cancellationToken);
    }

    private static async Task WriteArchiveAsync(
        string path, IEnumerable<TreeTile> tiles, string treeRoot, TileRowOrder order, string title, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var extent = new TreeExtent();
        await using (var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var tile in tiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int row = order == TileRowOrder.Tms ? tile.Tile.TmsY : tile.Tile.Y;
                var entry = zip.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"{tile.Tile.Z}/{tile.Tile.X}/{row}.png"), CompressionLevel.NoCompression);
                entry.LastWriteTime = EntryTime;
                await using (var source = new FileStream(tile.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 14, useAsync: true))
                await using (var target = await entry.OpenAsync(cancellationToken))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }

                extent.Add(tile.Tile);
            }

            if (extent.Count == 0)
            {
                throw new InvalidDataException($"The tile tree '{treeRoot}' holds no {{z}}/{{x}}/{{y}}.png tiles");
            }

            if (order == TileRowOrder.Tms)
            {
                var entry = zip.CreateEntry(TileMapResource.FileName, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                await using var target = await entry.OpenAsync(cancellationToken);
                await TileMapResource.WriteToAsync(target, extent.ToTileMapResource(title, "png"), cancellationToken);
            }
        }

        file.Flush(flushToDisk: true);
    }
}
