using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.S3;

/// <summary>
/// The silo's store with an S3 bucket behind the disk, like TileStache's Multi cache: a read tries
/// the disk, then S3, and a hit in S3 is copied to the disk with its mtime (so it keeps its age and
/// its dirty mark); a write, a dirty mark and a deletion go to both. The disk answers for this silo;
/// S3 is what the silos share. S3 failing never fails a call: a read becomes a miss (the grain
/// renders), and a change S3 did not take waits in the <see cref="S3WriteQueue"/>.
/// </summary>
internal sealed partial class TieredTileStore(
    FileTileStore disk,
    S3MetatileBucket bucket,
    S3WriteQueue queue,
    S3StoreMetrics metrics,
    TimeProvider time,
    ILogger<TieredTileStore> logger) : ITileStore
{
    public async ValueTask<StoredTile?> ReadTileAsync(MetatileKey key, TileCoord tile, CancellationToken cancellationToken)
    {
        if (await disk.ReadTileAsync(key, tile, cancellationToken) is { } local)
        {
            return local;
        }

        var remote = await TryS3Async(static (b, k, t) => b.GetAsync(k, t), key, cancellationToken);
        if (remote is null)
        {
            return null;
        }

        byte[]? bytes = MetaFile.TryExtract(remote.Bytes, key.Metatile, tile);
        if (bytes is null)
        {
            LogUnusable(key, bucket.KeyOf(key));
            return null;
        }

        // Fill the disk: the next read of any of its tiles is local. Not the caller's token: the copy is worth keeping.
        await disk.WriteFileAsync(key, remote.Bytes, remote.Mtime, CancellationToken.None);
        return new StoredTile(bytes, remote.Mtime, disk.IsDirty(remote.Mtime));
    }

    public async ValueTask<DateTimeOffset?> StatAsync(MetatileKey key, CancellationToken cancellationToken) =>
        await disk.StatAsync(key, cancellationToken) ?? await TryS3Async(static (b, k, t) => b.StatAsync(k, t), key, cancellationToken);

    public async ValueTask WriteMetatileAsync(MetatileKey key, RenderedMetatile tiles, CancellationToken cancellationToken)
    {
        byte[] meta = MetaFile.Serialize(key.Metatile, tiles);
        var now = time.GetUtcNow();
        var mtime = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        await disk.WriteFileAsync(key, meta, mtime, cancellationToken);
        await SendAsync(key, S3PendingWrite.Put(meta, mtime), cancellationToken);
    }

    public async ValueTask<bool> MarkDirtyAsync(MetatileKey key, CancellationToken cancellationToken)
    {
        bool onDisk = await disk.MarkDirtyAsync(key, cancellationToken);
        if (queue.TryMarkPendingDirty(key))
        {
            return true;
        }

        if (bucket.IsSkipped)
        {
            queue.Enqueue(key, S3PendingWrite.MarkDirty());
            return onDisk;
        }

        try
        {
            bool inS3 = await bucket.MarkDirtyAsync(key, cancellationToken);
            metrics.Write("written");
            return onDisk || inS3;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogS3Failed(e, "mark dirty", key);
            queue.Enqueue(key, S3PendingWrite.MarkDirty());
            return onDisk;
        }
    }

    public async ValueTask DeleteAsync(MetatileKey key, CancellationToken cancellationToken)
    {
        await disk.DeleteAsync(key, cancellationToken);
        await SendAsync(key, S3PendingWrite.Delete(), cancellationToken);
    }

    /// <summary>
    /// Sends a change to S3 now, or queues it: when S3 is being skipped, when the call fails, and when
    /// an older change of the metatile still waits (the queue then sends the newest one, in order).
    /// </summary>
    private async ValueTask SendAsync(MetatileKey key, S3PendingWrite write, CancellationToken cancellationToken)
    {
        if (bucket.IsSkipped || queue.Contains(key))
        {
            queue.Enqueue(key, write);
            return;
        }

        try
        {
            if (write.Kind == S3PendingKind.Put)
            {
                await bucket.PutAsync(key, write.Meta, write.Mtime, dirty: false, cancellationToken);
            }
            else
            {
                await bucket.DeleteAsync(key, cancellationToken);
            }

            metrics.Write("written");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogS3Failed(e, write.Kind == S3PendingKind.Put ? "write" : "delete", key);
            queue.Enqueue(key, write);
        }
    }

    /// <summary>An S3 lookup whose failure is a miss: the caller renders instead.</summary>
    private async ValueTask<T?> TryS3Async<T>(Func<S3MetatileBucket, MetatileKey, CancellationToken, ValueTask<T?>> lookup, MetatileKey key, CancellationToken cancellationToken)
    {
        if (bucket.IsSkipped)
        {
            metrics.Read("skipped");
            return default;
        }

        try
        {
            var found = await lookup(bucket, key, cancellationToken);
            metrics.Read(found is null ? "miss" : "hit");
            return found;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Read(e is BrokenCircuitException ? "skipped" : "error");
            LogS3Failed(e, "read", key);
            return default;
        }
    }

    [LoggerMessage(EventId = 5206, Level = LogLevel.Debug, Message = "S3 {Operation} of {Key} failed")]
    private partial void LogS3Failed(Exception exception, string operation, MetatileKey key);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "S3 object {ObjectKey} is not a .meta file of {Key}; rendering instead")]
    private partial void LogUnusable(MetatileKey key, string objectKey);
}
