using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Concurrency;
using TileCluster.Grains.Freshness;
using TileCluster.Grains.Placement;
using TileCluster.Rendering.Scheduling;
using TileCluster.Rendering.Url;
using TileCluster.Storage;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// The metatile grain: one activation per metatile in the cluster, placed by rendezvous hashing
/// so it comes back where its tiles are stored. It is reentrant so that concurrent requests for
/// its 64 tiles all wait on one shared in-flight render (a turn-based grain would serialise them
/// and render once per caller's turn). Across silos, and while membership changes briefly allow
/// two activations, the render lock keeps renders of a metatile one at a time cluster-wide, and a
/// second renderer re-reads what the first stored.
/// </summary>
/// <remarks>
/// Freshness: an expiry marks the stored metatile dirty (mod_tile's mtime convention, so the mark
/// survives restarts). Re-rendering a dirty metatile runs as a task the grain keeps
/// (<see cref="_refresh"/>); requests for its tiles are answered from the stale copy meanwhile.
/// An expiry that arrives while a re-render runs bumps <see cref="_generation"/>; the re-render
/// then marks the result dirty again and goes round once more, since it may have read the data
/// before the change. Reentrancy interleaves calls only at awaits, so the fields need no locks.
/// </remarks>
[Reentrant]
[RendezvousPlacement]
internal sealed partial class MetatileGrain(
    ITileStore store,
    RenderPool renderPool,
    IRenderLock renderLock,
    MetatileActivations activations,
    IOptions<RenderOptions> options,
    IOptions<FreshnessOptions> freshness,
    IOptions<JobsOptions> jobs,
    IOptions<LayersOptions> layers,
    FreshnessMetrics metrics,
    TimeProvider time,
    ILogger<MetatileGrain> logger) : Grain, IMetatileGrain
{
    private MetatileKey _key;
    private readonly SharedRun<(RenderOutcome Outcome, DateTimeOffset RenderedAt)> _missRender = new();
    private Task<RenderOutcomeKind>? _refresh;
    private long _refreshDeadline;
    private long _generation;
    private long _expiredAt;

    private bool IsHot => _key.Metatile.Z <= freshness.Value.HotMaxZoom;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        string text = this.GetPrimaryKeyString();
        if (!MetatileKey.TryParseGrainKey(text, out _key))
        {
            throw new ArgumentException($"'{text}' is not a metatile grain key (style/scale/z/x/y)");
        }

        activations.Add(_key);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        activations.Remove(_key);
        return Task.CompletedTask;
    }

    public async Task<TileResult> GetTileAsync(TileCoord tile, CancellationToken cancellationToken)
    {
        if (!_key.Metatile.Contains(tile))
        {
            throw new ArgumentException($"tile {tile} is not in metatile {_key}", nameof(tile));
        }

        using var activity = GrainsTelemetry.Source.StartActivity("grain GetTile");
        activity?.SetTag("tilecluster.metatile", _key.ToString());
        activity?.SetTag("tilecluster.tile", tile.ToString());
        var stored = await ReadStoredAsync(tile, cancellationToken);
        if (stored is { Dirty: false })
        {
            activity?.SetTag("tilecluster.outcome", "stored");
            return Fresh(stored);
        }

        if (stored is not null)
        {
            activity?.SetTag("tilecluster.outcome", "dirty");
            return await ServeDirtyAsync(stored, tile, cancellationToken);
        }

        activity?.SetTag("tilecluster.outcome", "render");

        // Every caller that finds the metatile missing waits on the same render; it is not
        // cancelled when one of them gives up, since the others (and retries) still want it.
        var (outcome, renderedAt) = await _missRender.RunAsync(
            () => RenderLockedAsync(RenderPriority.Interactive, _key.Metatile.TileAt(0, 0), CancellationToken.None).AsTask(),
            cancellationToken);

        if (outcome.Kind == RenderOutcomeKind.Rendered)
        {
            byte[] bytes = outcome.Tiles!.Get(tile.X - _key.Metatile.X, tile.Y - _key.Metatile.Y);
            return TileResult.Ok(bytes, TileETag.Compute(bytes), renderedAt, dirty: false);
        }

        if (outcome.Kind == RenderOutcomeKind.StoredElsewhere && await store.ReadTileAsync(_key, tile, cancellationToken) is { } theirs)
        {
            return Fresh(theirs);
        }

        return outcome switch
        {
            { Kind: RenderOutcomeKind.Rejected } => TileResult.Overloaded(options.Value.RetryAfter),
            { Error: UpstreamException upstream } => TileResult.Failed(
                upstream.TimedOut ? TileStatus.UpstreamTimedOut : TileStatus.UpstreamFailed,
                $"tile {tile} of layer '{_key.Style}': its upstream {upstream.Problem}; nothing was stored"),
            _ => TileResult.Unavailable(options.Value.RetryAfter),
        };
    }

    public async Task<TileStatus> RenderAsync(CancellationToken cancellationToken)
    {
        var (outcome, _) = await RenderLockedAsync(RenderPriority.Bulk, probe: null, cancellationToken);
        return ToStatus(outcome.Kind);
    }

    public async Task<ExpireOutcome> ExpireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _generation);
        if (!await store.MarkDirtyAsync(_key, cancellationToken))
        {
            // Never rendered (or deleted): nothing stale exists, and the next request renders afresh.
            metrics.RecordExpire(ExpireOutcome.NotStored);
            return ExpireOutcome.NotStored;
        }

        Volatile.Write(ref _expiredAt, time.GetTimestamp());
        var outcome = ExpireOutcome.Dirtied;
        if (IsHot)
        {
            _ = StartRefresh(RenderPriority.ExpiredHot);
            outcome = ExpireOutcome.Refreshing;
        }

        LogExpired(_key, outcome);
        metrics.RecordExpire(outcome);
        return outcome;
    }

    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
        if (await store.StatAsync(_key, cancellationToken) is null)
        {
            return false;
        }

        await store.DeleteAsync(_key, cancellationToken);
        LogDeleted(_key);
        return true;
    }

    public async Task<TileStatus> WaitForRefreshAsync(CancellationToken cancellationToken)
    {
        var refresh = Volatile.Read(ref _refresh);
        return refresh is null ? TileStatus.Ok : ToStatus(await refresh.WaitAsync(cancellationToken));
    }

    /// <summary>
    /// A dirty tile: make sure a re-render is under way, give it what is left of its wait budget,
    /// then serve the new tile if it is done, the stale one (marked dirty) if not.
    /// </summary>
    private async ValueTask<TileResult> ServeDirtyAsync(StoredTile stale, TileCoord tile, CancellationToken cancellationToken)
    {
        var refresh = StartRefresh(IsHot ? RenderPriority.ExpiredHot : RenderPriority.ExpiredCold);
        var remaining = time.GetElapsedTime(time.GetTimestamp(), Volatile.Read(ref _refreshDeadline));
        if (!refresh.IsCompleted && remaining > TimeSpan.Zero)
        {
            try
            {
                await refresh.WaitAsync(remaining, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Out of budget: the stale tile now, the new one on a later request.
            }
        }

        if (refresh.IsCompletedSuccessfully && refresh.Result is RenderOutcomeKind.Rendered or RenderOutcomeKind.StoredElsewhere &&
            await ReadStoredAsync(tile, cancellationToken) is { Dirty: false } fresh)
        {
            return Fresh(fresh);
        }

        return TileResult.Ok(stale.Bytes, TileETag.Compute(stale.Bytes), stale.LastModified, dirty: true);
    }

    /// <summary>Starts a re-render unless one is running; called only in the grain's turns.</summary>
    private Task<RenderOutcomeKind> StartRefresh(RenderPriority priority)
    {
        if (_refresh is { IsCompleted: false } running)
        {
            return running;
        }

        Volatile.Write(ref _refreshDeadline, time.GetTimestamp() + (long)(freshness.Value.DirtyWaitBudget.TotalSeconds * time.TimestampFrequency));
        var refresh = RefreshAsync(priority);
        Volatile.Write(ref _refresh, refresh);
        return refresh;
    }

    private async Task<RenderOutcomeKind> RefreshAsync(RenderPriority priority)
    {
        // Let the calling expiry or request return first; the re-render runs beside them.
        await Task.Yield();
        try
        {
            while (true)
            {
                long generation = Interlocked.Read(ref _generation);
                var (outcome, _) = await RenderLockedAsync(priority, _key.Metatile.TileAt(0, 0), CancellationToken.None);
                if (outcome.Kind is not (RenderOutcomeKind.Rendered or RenderOutcomeKind.StoredElsewhere))
                {
                    // Still dirty on disk: the next request or expiry tries again.
                    LogRefreshDeferred(_key, outcome.Kind);
                    return outcome.Kind;
                }

                if (Interlocked.Read(ref _generation) == generation)
                {
                    metrics.RecordRefresh(_key.Metatile.Z, time.GetElapsedTime(Volatile.Read(ref _expiredAt)));
                    return outcome.Kind;
                }

                // Expired again while rendering: what was just stored may predate the change.
                await store.MarkDirtyAsync(_key, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            LogRefreshFailed(e, _key);
            return RenderOutcomeKind.Failed;
        }
    }

    private static TileStatus ToStatus(RenderOutcomeKind kind) => kind switch
    {
        RenderOutcomeKind.Rendered or RenderOutcomeKind.StoredElsewhere => TileStatus.Ok,
        RenderOutcomeKind.Rejected => TileStatus.Overloaded,
        _ => TileStatus.Unavailable,
    };

    private static TileResult Fresh(StoredTile stored) =>
        TileResult.Ok(stored.Bytes, TileETag.Compute(stored.Bytes), stored.LastModified, dirty: false);

    /// <summary>
    /// Renders under the cluster-wide lock and stores the result. With a <paramref name="probe"/>
    /// tile, first re-checks the store once the lock is taken, since another silo may have stored
    /// a fresh metatile while this one waited.
    /// </summary>
    private async ValueTask<(RenderOutcome Outcome, DateTimeOffset RenderedAt)> RenderLockedAsync(RenderPriority priority, TileCoord? probe, CancellationToken cancellationToken)
    {
        IAsyncDisposable? lease;
        var layer = layers.Value.Layers.GetValueOrDefault(_key.Style);
        var staleAfter = layer?.StaleLockTimeout ?? LayerOptions.DefaultStaleLockTimeout;
        try
        {
            lease = await renderLock.AcquireAsync(_key, staleAfter, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLockFailed(_key, e.Message);
            return (new RenderOutcome(RenderOutcomeKind.Failed, null, e), default);
        }

        if (lease is null)
        {
            LogLockStale(_key, staleAfter);
        }

        await using (lease)
        {
            if (probe is { } tile && await ReadStoredAsync(tile, cancellationToken) is { Dirty: false })
            {
                return (new RenderOutcome(RenderOutcomeKind.StoredElsewhere, null, null), default);
            }

            var outcome = await renderPool.RenderAsync(_key, priority, cancellationToken);
            if (outcome.Kind != RenderOutcomeKind.Rendered)
            {
                return (outcome, default);
            }

            // Not the caller's token: once rendered, the work is kept even if the client has gone.
            // A layer with WriteCache off keeps nothing: its tiles are rendered for every miss.
            if (layer is not { WriteCache: false })
            {
                await store.WriteMetatileAsync(_key, outcome.Tiles!, CancellationToken.None);
                LogStored(_key, priority);
            }

            var now = time.GetUtcNow();
            return (outcome, new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        }
    }

    /// <summary>
    /// Reads a stored tile; one older than its layer's <see cref="LayerOptions.CacheLifespan"/>
    /// counts as dirty, so it is served stale and rendered again like an expired one.
    /// </summary>
    private async ValueTask<StoredTile?> ReadStoredAsync(TileCoord tile, CancellationToken cancellationToken)
    {
        var stored = await store.ReadTileAsync(_key, tile, cancellationToken);
        return stored is { Dirty: false } &&
            layers.Value.Layers.GetValueOrDefault(_key.Style)?.CacheLifespan is { } lifespan &&
            time.GetUtcNow() - stored.LastModified > lifespan
            ? stored with { Dirty = true }
            : stored;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Stored metatile {Key} (rendered at {Priority})")]
    private partial void LogStored(MetatileKey key, RenderPriority priority);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "Render lock for {Key} held elsewhere beyond the stale lock timeout ({Timeout}); rendering without it")]
    private partial void LogLockStale(MetatileKey key, TimeSpan timeout);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Render lock for {Key} unavailable: {Reason}")]
    private partial void LogLockFailed(MetatileKey key, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Expired {Key}: {Outcome}")]
    private partial void LogExpired(MetatileKey key, ExpireOutcome outcome);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Re-render of dirty {Key} deferred ({Outcome}); it stays dirty")]
    private partial void LogRefreshDeferred(MetatileKey key, RenderOutcomeKind outcome);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Re-render of dirty {Key} failed")]
    private partial void LogRefreshFailed(Exception exception, MetatileKey key);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Deleted stored metatile {Key}")]
    private partial void LogDeleted(MetatileKey key);
}
