using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Scheduling;
using TileCluster.Grains.Storage;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// The metatile grain. It does not know which runtime hosts it: the runtime guarantees its calls
/// take turns, so the check "is it stored? no: render, store" cannot race with itself and
/// concurrent requests for its 64 tiles share one render.
/// </summary>
internal sealed partial class MetatileGrain(
    MetatileKey key,
    ITileStore store,
    RenderPool renderPool,
    IOptions<RenderOptions> options,
    TimeProvider time,
    ILogger<MetatileGrain> logger) : IMetatileGrain
{
    public async ValueTask<TileResult> GetTileAsync(TileCoord tile, CancellationToken cancellationToken)
    {
        if (!key.Metatile.Contains(tile))
        {
            throw new ArgumentException($"tile {tile} is not in metatile {key}", nameof(tile));
        }

        var stored = await store.ReadTileAsync(key, tile, cancellationToken);
        if (stored is { Dirty: false })
        {
            return TileResult.Ok(stored.Bytes, TileETag.Compute(stored.Bytes), stored.LastModified, dirty: false);
        }

        var outcome = await renderPool.RenderAsync(key, RenderPriority.Interactive, cancellationToken);
        if (outcome.Kind == RenderOutcomeKind.Rendered)
        {
            var renderedAt = await StoreAsync(outcome);
            byte[] bytes = outcome.Tiles!.Get(tile.X - key.Metatile.X, tile.Y - key.Metatile.Y);
            return TileResult.Ok(bytes, TileETag.Compute(bytes), renderedAt, dirty: false);
        }

        // Degrade explicitly: a stale tile beats an error; otherwise tell the client when to retry.
        if (stored is not null)
        {
            return TileResult.Ok(stored.Bytes, TileETag.Compute(stored.Bytes), stored.LastModified, dirty: true);
        }

        return outcome.Kind == RenderOutcomeKind.Rejected
            ? TileResult.Overloaded(options.Value.RetryAfter)
            : TileResult.Unavailable(options.Value.RetryAfter);
    }

    public async ValueTask<TileStatus> RenderAsync(CancellationToken cancellationToken)
    {
        var outcome = await renderPool.RenderAsync(key, RenderPriority.Bulk, cancellationToken);
        switch (outcome.Kind)
        {
            case RenderOutcomeKind.Rendered:
                await StoreAsync(outcome);
                return TileStatus.Ok;
            case RenderOutcomeKind.Rejected:
                return TileStatus.Overloaded;
            default:
                return TileStatus.Unavailable;
        }
    }

    private async ValueTask<DateTimeOffset> StoreAsync(RenderOutcome outcome)
    {
        // Not the caller's token: once rendered, the work is kept even if the client has gone.
        await store.WriteMetatileAsync(key, outcome.Tiles!, CancellationToken.None);
        LogStored(key);
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Stored metatile {Key}")]
    private partial void LogStored(MetatileKey key);
}
