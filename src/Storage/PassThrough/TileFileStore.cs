using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.PassThrough;

/// <summary>The <c>tiles</c> layout under <c>Store:Root</c>, beside the <c>.meta</c> trees of rendered layers.</summary>
internal sealed class TileFileStore : ITileFileStore
{
    private readonly string _root;

    public TileFileStore(IOptions<StoreOptions> options)
    {
        _root = Path.GetFullPath(options.Value.Root);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The absolute path of a tile file. Built only from validated integers, a validated layer name and a configured extension.</summary>
    public string PathOf(string layer, TileCoord tile, string extension) =>
        Path.Combine(_root, layer, tile.Z.ToString(CultureInfo.InvariantCulture), tile.X.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{tile.Y}.{extension}"));

    public async ValueTask<StoredTile?> ReadAsync(string layer, TileCoord tile, string extension, CancellationToken cancellationToken)
    {
        string path = PathOf(layer, tile, extension);
        try
        {
            byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            return new StoredTile(bytes, File.GetLastWriteTimeUtc(path), Dirty: false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A miss is the common case, not an error; so is an expiry deleting the file between the two calls.
            return null;
        }
    }

    public async ValueTask WriteAsync(string layer, TileCoord tile, string extension, byte[] bytes, CancellationToken cancellationToken)
    {
        string path = PathOf(layer, tile, extension);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Same directory, unique name, then rename: atomic on POSIX, so readers never see a torn file.
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public ValueTask<int> DeleteAsync(string layer, MetatileCoord metatile, string extension, CancellationToken cancellationToken)
    {
        int removed = 0;
        for (int dx = 0; dx < metatile.TilesPerSide; dx++)
        {
            var column = metatile.TileAt(dx, 0);
            string folder = Path.GetDirectoryName(PathOf(layer, column, extension))!;
            if (!Directory.Exists(folder))
            {
                continue;
            }

            for (int dy = 0; dy < metatile.TilesPerSide; dy++)
            {
                var info = new FileInfo(PathOf(layer, metatile.TileAt(dx, dy), extension));
                if (info.Exists)
                {
                    info.Delete();
                    removed++;
                }
            }
        }

        return ValueTask.FromResult(removed);
    }
}
