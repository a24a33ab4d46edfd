using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Scheduling;
using TileCluster.Grains.Storage;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// The metatile grain. It does not know which runtime hosts it: the runtime guarantees its calls
/// take turns, so "is it stored? no: render, store" cannot race with itself and concurrent
/// requests for its 64 tiles share one render. Across silos, the render lock makes a second
/// silo wait and then read what the first one stored.
/// </summary>
internal sealed partial class MetatileGrain(
    MetatileKey key,
    ITileStore store,
    RenderPool renderPool,
    IRenderLock renderLock,
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

        using var activity = GrainsTelemetry.Source.StartActivity("grain GetTile");
        activity?.SetTag("tilecluster.metatile", key.ToString());
        activity?.SetTag("tilecluster.tile", tile.ToString());
        var stored = await store.ReadTileAsync(key, tile, cancellationToken);
        if (stored is { Dirty: false })
        {
            activity?.SetTag("tilecluster.outcome", "stored");
            return Fresh(stored);
        }

        activity?.SetTag("tilecluster.outcome", "render");
        var (outcome, renderedAt) = await RenderLockedAsync(RenderPriority.Interactive, tile, cancellationToken);
        if (outcome.Kind == RenderOutcomeKind.Rendered)
        {
            byte[] bytes = outcome.Tiles!.Get(tile.X - key.Metatile.X, tile.Y - key.Metatile.Y);
            return TileResult.Ok(bytes, TileETag.Compute(bytes), renderedAt, dirty: false);
        }

        if (outcome.Kind == RenderOutcomeKind.StoredElsewhere && await store.ReadTileAsync(key, tile, cancellationToken) is { } theirs)
        {
            return Fresh(theirs);
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
        var (outcome, _) = await RenderLockedAsync(RenderPriority.Bulk, probe: null, cancellationToken);
        return outcome.Kind switch
        {
            RenderOutcomeKind.Rendered or RenderOutcomeKind.StoredElsewhere => TileStatus.Ok,
            RenderOutcomeKind.Rejected => TileStatus.Overloaded,
            _ => TileStatus.Unavailable,
        };
    }

    private static TileResult Fresh(StoredTile stored) =>
        TileResult.Ok(stored.Bytes, TileETag.Compute(stored.Bytes), stored.LastModified, dirty: false);

    /// <summary>
    /// Renders under the cluster-wide lock and stores the result. With a <paramref name="probe"/>
    /// tile, first re-checks the store once the lock is taken, since another silo may have stored
    /// the metatile while this one waited.
    /// </summary>
    private async ValueTask<(RenderOutcome Outcome, DateTimeOffset RenderedAt)> RenderLockedAsync(RenderPriority priority, TileCoord? probe, CancellationToken cancellationToken)
    {
        IAsyncDisposable lease;
        try
        {
            lease = await renderLock.AcquireAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLockFailed(key, e.Message);
            return (new RenderOutcome(RenderOutcomeKind.Failed, null, e), default);
        }

        await using (lease)
        {
            if (probe is { } tile && await store.ReadTileAsync(key, tile, cancellationToken) is { Dirty: false })
            {
                return (new RenderOutcome(RenderOutcomeKind.StoredElsewhere, null, null), default);
            }

            var outcome = await renderPool.RenderAsync(key, priority, cancellationToken);
            if (outcome.Kind != RenderOutcomeKind.Rendered)
            {
                return (outcome, default);
            }

            // Not the caller's token: once rendered, the work is kept even if the client has gone.
            await store.WriteMetatileAsync(key, outcome.Tiles!, CancellationToken.None);
            LogStored(key);
            var now = time.GetUtcNow();
            return (outcome, new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Stored metatile {Key}")]
    private partial void LogStored(MetatileKey key);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Render lock for {Key} unavailable: {Reason}")]
    private partial void LogLockFailed(MetatileKey key, string reason);
}
