using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using SiloStatus = TileCluster.Grains.Abstractions.Grains.SiloStatus;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Freshness;
using TileCluster.Grains.Metatiles;
using TileCluster.Grains.Placement;
using TileCluster.Rendering.Scheduling;
using TileCluster.Storage;
using TileCluster.Storage.PassThrough;

namespace TileCluster.Grains.Agents;

/// <summary>
/// A silo's agent (keyed and placed by silo name). Expiry batches arrive here whole: each
/// metatile goes to its grain, except metatiles that have no activation here and nothing
/// stored, which cost one <c>stat</c> and never wake a grain. That shortcut is only sound on the
/// silo that owns the keys (its disk holds their tiles), so an agent that finds itself elsewhere
/// (its silo left) passes every metatile to its grain.
/// </summary>
[Reentrant]
[NamedSiloPlacement]
internal sealed class SiloAgentGrain(
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    MetatileActivations activations,
    ITileStore store,
    ITileFileStore tileFiles,
    IOptions<LayersOptions> layers,
    RenderPool pool,
    RenderStatistics statistics,
    FreshnessMetrics freshness) : Grain, ISiloAgentGrain
{
    // Grain calls usually finish at once; a few may wait on a turn held by a render.
    private const int Concurrency = 32;

    /// <summary>
    /// Placed away from its silo: the silo that placed it did not know that name yet (it had just
    /// joined). It serves the calls already on their way, then goes, so the next call places it again.
    /// </summary>
    private bool Misplaced => this.GetPrimaryKeyString() != silo.Name;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Misplaced)
        {
            this.DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public async Task<ExpireBatchResult> ExpireAsync(string style, int scale, MetatileCoord[] metatiles, CancellationToken cancellationToken)
    {
        if (layers.Value.Layers.TryGetValue(style, out var layer) && layer.Provider.IsPassThrough)
        {
            return await ExpirePassThroughAsync(style, layer, scale, metatiles, cancellationToken);
        }

        bool owner = !Misplaced;
        int dirtied = 0, notStored = 0;
        var refreshing = new List<MetatileCoord>();
        var wake = new List<MetatileKey>(metatiles.Length);
        foreach (var metatile in metatiles)
        {
            var key = new MetatileKey(style, scale, metatile);
            if (owner && !activations.IsActive(key) && await store.StatAsync(key, cancellationToken) is null)
            {
                notStored++;
                freshness.RecordExpire(ExpireOutcome.NotStored);
                continue;
            }

            wake.Add(key);
        }

        // Parallel.ForEachAsync runs on the thread pool, outside this activation: take the factory along.
        var grains = GrainFactory;
        var gate = new Lock();
        await Parallel.ForEachAsync(wake, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            var outcome = await grains.GetMetatileGrain(key).ExpireAsync(ct);
            lock (gate)
            {
                switch (outcome)
                {
                    case ExpireOutcome.NotStored:
                        notStored++;
                        break;
                    case ExpireOutcome.Refreshing:
                        dirtied++;
                        refreshing.Add(key.Metatile);
                        break;
                    default:
                        dirtied++;
                        break;
                }
            }
        });

        return new ExpireBatchResult(dirtied, notStored, [.. refreshing]);
    }

    /// <summary>
    /// A pass-through layer's tiles are not re-rendered: an expiry deletes the kept files of each
    /// metatile's tiles (the <c>tiles</c> layout), and the next request fetches them afresh.
    /// </summary>
    private async Task<ExpireBatchResult> ExpirePassThroughAsync(string style, LayerOptions layer, int scale, MetatileCoord[] metatiles, CancellationToken cancellationToken)
    {
        int removed = 0, notStored = 0;
        foreach (var metatile in metatiles)
        {
            // Pass-through layers have no @2x tiles, and a layer that keeps no files has nothing to remove.
            if (scale == 1 && layer.KeepsTileFiles && await tileFiles.DeleteAsync(style, metatile, layer.Provider.TileExtensions[0], cancellationToken) > 0)
            {
                removed++;
                freshness.RecordExpire(ExpireOutcome.Dirtied);
            }
            else
            {
                notStored++;
                freshness.RecordExpire(ExpireOutcome.NotStored);
            }
        }

        return new ExpireBatchResult(removed, notStored, []);
    }

    public async Task<DeleteBatchResult> DeleteAsync(string style, int scale, MetatileCoord[] metatiles, CancellationToken cancellationToken)
    {
        if (layers.Value.Layers.TryGetValue(style, out var layer) && layer.Provider.IsPassThrough)
        {
            // A pass-through layer keeps tile files only, and expiring them deletes them.
            var removed = await ExpirePassThroughAsync(style, layer, scale, metatiles, cancellationToken);
            return new DeleteBatchResult(removed.Dirtied, removed.NotStored);
        }

        bool owner = !Misplaced;
        int deleted = 0, notStored = 0;
        var wake = new List<MetatileKey>();
        foreach (var metatile in metatiles)
        {
            var key = new MetatileKey(style, scale, metatile);
            if (!owner || activations.IsActive(key))
            {
                // An active grain may be rendering this metatile: its turn decides the order.
                wake.Add(key);
            }
            else if (await store.StatAsync(key, cancellationToken) is null)
            {
                notStored++;
            }
            else
            {
                await store.DeleteAsync(key, cancellationToken);
                deleted++;
            }
        }

        var grains = GrainFactory;
        await Parallel.ForEachAsync(wake, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            if (await grains.GetMetatileGrain(key).DeleteAsync(ct))
            {
                Interlocked.Increment(ref deleted);
            }
            else
            {
                Interlocked.Increment(ref notStored);
            }
        });

        return new DeleteBatchResult(deleted, notStored);
    }

    public async Task<RefreshWaitResult> WaitForRefreshAsync(string style, int scale, MetatileCoord[] metatiles, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        int rendered = 0, failed = 0, timedOut = 0;
        await Task.WhenAll(metatiles.Select(async metatile =>
        {
            try
            {
                var status = await GrainFactory.GetMetatileGrain(new MetatileKey(style, scale, metatile)).WaitForRefreshAsync(deadline.Token).WaitAsync(deadline.Token);
                Interlocked.Increment(ref status == TileStatus.Ok ? ref rendered : ref failed);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref timedOut);
            }
        }));

        return new RefreshWaitResult(rendered, failed, timedOut);
    }

    public Task<SiloStatus> GetStatusAsync()
    {
        var depth = new Dictionary<string, int>();
        var dropped = new Dictionary<string, long>();
        foreach (var priority in Enum.GetValues<RenderPriority>())
        {
            depth[priority.ToString()] = pool.Queue.DepthOf(priority);
            dropped[priority.ToString()] = pool.Queue.DroppedAt(priority);
        }

        string status = Misplaced ? "relocating" : membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress).ToString().ToLowerInvariant();
        return Task.FromResult(new SiloStatus(
            this.GetPrimaryKeyString(),
            silo.SiloAddress.ToString(),
            status,
            activations.Count,
            depth,
            statistics.Renders,
            statistics.Failures,
            pool.Queue.Rejected + pool.Queue.Evicted,
            [.. statistics.ByZoom()],
            new SiloFreshness(freshness.Dirtied, freshness.NotStored, freshness.Refreshed, dropped)));
    }
}
