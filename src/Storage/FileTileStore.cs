using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage;

/// <summary>
/// The default store: mod_tile's <c>.meta</c> files in its hashed directory layout, so
/// <c>render_expired</c>, mod_tile and Tirex tools can share the tree.
/// </summary>
internal sealed class FileTileStore : ITileStore
{
    private static readonly TimeSpan PlanetRecheck = TimeSpan.FromSeconds(10);

    private readonly string _root;
    private readonly TimeProvider _time;
    private PlanetTimestamp _planet = new(null, long.MinValue);

    public FileTileStore(IOptions<StoreOptions> options, TimeProvider time)
    {
        _root = Path.GetFullPath(options.Value.Root);
        _time = time;
        Directory.CreateDirectory(_root);
    }

    /// <summary>The absolute path of a metatile file. Built only from validated integers and a validated style name.</summary>
    public string PathOf(MetatileKey key) => Path.Combine(_root, MetaPath.Relative(key.StorageName, key.Metatile));

    public ValueTask<StoredTile?> ReadTileAsync(MetatileKey key, TileCoord tile, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ReadTile(key, tile));

    // Synchronous on purpose: reads hit the page cache almost always, and a thread-pool hop per
    // tile costs more than the read (mod_tile serves the same way).
    private StoredTile? ReadTile(MetatileKey key, TileCoord tile)
    {
        string path = PathOf(key);
        using SafeFileHandle? handle = TryOpen(path);
        if (handle is null)
        {
            return null;
        }

        long length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[MetaFile.HeaderSize];
        int read = RandomAccess.Read(handle, header, 0);
        if (read < MetaFile.HeaderSize || !MetaFile.TryLocate(header, key.Metatile, tile, length, out int offset, out int size))
        {
            return null;
        }

        byte[] bytes = new byte[size];
        read = RandomAccess.Read(handle, bytes, offset);
        if (read != size)
        {
            return null;
        }

        // The open file's own mtime: a re-render renamed into place meanwhile must not lend its mtime to these bytes.
        DateTimeOffset modified = File.GetLastWriteTimeUtc(handle);
        return new StoredTile(bytes, modified, IsDirty(modified));
    }

    /// <summary>Whether a metatile with this mtime counts as dirty here (<see cref="DirtyRule"/> with this tree's planet timestamp).</summary>
    public bool IsDirty(DateTimeOffset mtime) => DirtyRule.IsDirty(mtime, PlanetImport(), _time.GetUtcNow());

    /// <summary>The planet timestamp file's mtime, re-read at most every 10 s (mod_tile re-reads it too).</summary>
    private DateTimeOffset? PlanetImport()
    {
        var planet = Volatile.Read(ref _planet);
        long now = _time.GetTimestamp();
        if (planet.CheckedAt != long.MinValue && _time.GetElapsedTime(planet.CheckedAt, now) < PlanetRecheck)
        {
            return planet.Mtime;
        }

        var file = new FileInfo(Path.Combine(_root, DirtyRule.PlanetTimestampFile));
        planet = new PlanetTimestamp(file.Exists ? file.LastWriteTimeUtc : null, now);
        Volatile.Write(ref _planet, planet);
        return planet.Mtime;
    }

    private static SafeFileHandle? TryOpen(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A miss is the common case, not an error.
            return null;
        }
    }

    public ValueTask<DateTimeOffset?> StatAsync(MetatileKey key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(key));
        return ValueTask.FromResult<DateTimeOffset?>(info.Exists ? info.LastWriteTimeUtc : null);
    }

    public ValueTask WriteMetatileAsync(MetatileKey key, RenderedMetatile tiles, CancellationToken cancellationToken) =>
        WriteFileAsync(key, MetaFile.Serialize(key.Metatile, tiles), mtime: null, cancellationToken);

    /// <summary>
    /// Writes a whole <c>.meta</c> file atomically, with <paramref name="mtime"/> as its mtime (a copy
    /// from another tier keeps its age and dirty mark), or the current time when null.
    /// </summary>
    public async ValueTask WriteFileAsync(MetatileKey key, byte[] meta, DateTimeOffset? mtime, CancellationToken cancellationToken)
    {
        string path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Same directory, unique name, then rename: atomic on POSIX, so readers never see a torn file.
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, meta, cancellationToken);
            if (mtime is { } time)
            {
                File.SetLastWriteTimeUtc(temp, time.UtcDateTime);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public ValueTask<bool> MarkDirtyAsync(MetatileKey key, CancellationToken cancellationToken)
    {
        try
        {
            File.SetLastWriteTimeUtc(PathOf(key), DirtyRule.ExpiredMtime.UtcDateTime);
            return ValueTask.FromResult(true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ValueTask.FromResult(false);
        }
    }

    public ValueTask DeleteAsync(MetatileKey key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return ValueTask.CompletedTask;
    }

    private sealed record PlanetTimestamp(DateTimeOffset? Mtime, long CheckedAt);
}
