using System.Diagnostics;
using Orleans.Runtime;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Placement;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Cluster;

/// <summary>
/// Groups expired metatiles by owner silo (the rendezvous placement the silos use for metatile
/// grains) and hands each silo its share in batches, one call to that silo's agent grain per
/// batch. A silo that fails a batch has its share re-grouped onto the owners among the others.
/// </summary>
internal sealed partial class ExpiryDelivery(IClusterClient client, ClusterConnection connection, ILogger<ExpiryDelivery> logger) : IExpiryDelivery
{
    /// <summary>Metatiles per batch: about 240 KB on the wire, and well under a second of work for a silo.</summary>
    public const int BatchSize = 20_000;

    private static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(60);

    public async ValueTask<ExpiryReport> DeliverAsync(IReadOnlyList<ExpiryTarget> targets, bool waitForHot, TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var run = await SendAllAsync(targets, delete: false, cancellationToken);
        var delivered = Stopwatch.GetElapsedTime(started);
        long hotRendered = 0, hotFailed = 0, hotTimedOut = 0;
        TimeSpan? hotRenderedAfter = null;
        if (waitForHot)
        {
            var waits = run.Refreshing.SelectMany(group => group.Value.Chunk(BatchSize).Select(chunk => WaitAsync(group.Key.Silo, group.Key.Style, group.Key.Scale, chunk, waitTimeout, cancellationToken)));
            foreach (var result in await Task.WhenAll(waits))
            {
                hotRendered += result.Rendered;
                hotFailed += result.Failed;
                hotTimedOut += result.TimedOut;
            }

            hotRenderedAfter = hotTimedOut == 0 ? Stopwatch.GetElapsedTime(started) : null;
        }

        return new ExpiryReport(
            targets.Sum(t => t.Metatiles.Count),
            run.Dirtied,
            run.NotStored,
            run.Refreshing.Sum(r => (long)r.Value.Count),
            run.SilosUsed.Count,
            run.Batches,
            delivered,
            hotRendered,
            hotFailed,
            hotTimedOut,
            hotRenderedAfter);
    }

    public async ValueTask<DeleteReport> DeleteAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken)
    {
        var run = await SendAllAsync(targets, delete: true, cancellationToken);
        return new DeleteReport(targets.Sum(t => t.Metatiles.Count), run.Dirtied, run.NotStored, run.SilosUsed.Count, run.Batches);
    }

    /// <summary>Sends every target's metatiles to their owner silos, in batches; returns the tallies.</summary>
    private async Task<Delivery> SendAllAsync(IReadOnlyList<ExpiryTarget> targets, bool delete, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            throw new ClusterUnavailableException("the gateway is not connected to any silo");
        }

        var hosts = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, cancellationToken).WaitAsync(BatchTimeout, cancellationToken);
        string[] silos = [.. hosts.Select(h => h.SiloName).Order(StringComparer.Ordinal)];
        if (silos.Length == 0)
        {
            throw new ClusterUnavailableException("no active silo to deliver expiries to");
        }

        var run = new Delivery(silos, Math.Max(2, silos.Length * 2), delete);
        var siloHashes = new ulong[silos.Length];
        Rendezvous.HashSilos(silos, siloHashes);
        var sends = new List<Task>();
        foreach (var target in targets)
        {
            var buffers = new List<MetatileCoord>?[silos.Length];
            foreach (var metatile in target.Metatiles.Enumerate())
            {
                int owner = Rendezvous.Owner(Rendezvous.Hash(new MetatileKey(target.Style, target.Scale, metatile)), silos, siloHashes);
                var buffer = buffers[owner] ??= new List<MetatileCoord>(BatchSize);
                buffer.Add(metatile);
                if (buffer.Count == BatchSize)
                {
                    sends.Add(SendAsync(run, silos[owner], target.Style, target.Scale, [.. buffer], cancellationToken));
                    buffers[owner] = null;
                }
            }

            for (int i = 0; i < silos.Length; i++)
            {
                if (buffers[i] is { Count: > 0 } rest)
                {
                    sends.Add(SendAsync(run, silos[i], target.Style, target.Scale, [.. rest], cancellationToken));
                }
            }
        }

        await Task.WhenAll(sends);
        return run;
    }

    private async Task SendAsync(Delivery run, string silo, string style, int scale, MetatileCoord[] metatiles, CancellationToken cancellationToken)
    {
        ExpireBatchResult? result = null;
        string? failure = null;
        await run.Gate.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Increment(ref run.Batches);
            var agent = client.GetSiloAgent(silo);
            if (run.Delete)
            {
                var deleted = await agent.DeleteAsync(style, scale, metatiles, cancellationToken).WaitAsync(BatchTimeout, cancellationToken);
                result = new ExpireBatchResult(deleted.Deleted, deleted.NotStored, []);
            }
            else
            {
                result = await agent.ExpireAsync(style, scale, metatiles, cancellationToken).WaitAsync(BatchTimeout, cancellationToken);
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            failure = e.Message;
        }
        finally
        {
            run.Gate.Release();
        }

        if (result is null)
        {
            LogBatchFailed(silo, metatiles.Length, failure ?? "no answer");
            await RerouteAsync(run, silo, style, scale, metatiles, cancellationToken);
            return;
        }

        run.Record(silo, style, scale, result);
    }

    /// <summary>Sends a failed silo's share to each metatile's owner among the silos that have not failed.</summary>
    private Task RerouteAsync(Delivery run, string failed, string style, int scale, MetatileCoord[] metatiles, CancellationToken cancellationToken)
    {
        string[] left = run.Fail(failed);
        if (left.Length == 0)
        {
            throw new ClusterUnavailableException($"no reachable silo left for {metatiles.Length} metatiles of {style}; last failure at {failed}");
        }

        var leftHashes = new ulong[left.Length];
        Rendezvous.HashSilos(left, leftHashes);
        var groups = new Dictionary<string, List<MetatileCoord>>(StringComparer.Ordinal);
        foreach (var metatile in metatiles)
        {
            string next = left[Rendezvous.Owner(Rendezvous.Hash(new MetatileKey(style, scale, metatile)), left, leftHashes)];
            (groups.TryGetValue(next, out var list) ? list : groups[next] = []).Add(metatile);
        }

        return Task.WhenAll(groups.Select(g => SendAsync(run, g.Key, style, scale, [.. g.Value], cancellationToken)));
    }

    private async Task<RefreshWaitResult> WaitAsync(string silo, string style, int scale, MetatileCoord[] metatiles, TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetSiloAgent(silo).WaitForRefreshAsync(style, scale, metatiles, waitTimeout, cancellationToken).WaitAsync(waitTimeout + BatchTimeout, cancellationToken);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The silo went away mid-render: its dirty marks stay on disk, so nothing is lost, but these did not finish.
            LogWaitFailed(silo, metatiles.Length, e.Message);
            return new RefreshWaitResult(0, metatiles.Length, 0);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Expiry batch of {Count} metatiles to {Silo} failed ({Reason}); re-routing to the next owners")]
    private partial void LogBatchFailed(string silo, int count, string reason);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Waiting for {Count} re-renders on {Silo} failed ({Reason})")]
    private partial void LogWaitFailed(string silo, int count, string reason);

    /// <summary>The shared state of one delivery.</summary>
    private sealed class Delivery(string[] silos, int concurrency, bool delete)
    {
        /// <summary>Whether the batches delete the stored metatiles rather than expire them (then <see cref="Dirtied"/> counts deletions).</summary>
        public bool Delete => delete;

        private readonly Lock _lock = new();
        private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

        public int Batches;

        public SemaphoreSlim Gate { get; } = new(concurrency);

        public long Dirtied { get; private set; }

        public long NotStored { get; private set; }

        public HashSet<string> SilosUsed { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Silo, string Style, int Scale), List<MetatileCoord>> Refreshing { get; } = [];

        /// <summary>Marks <paramref name="silo"/> failed; returns the silos left.</summary>
        public string[] Fail(string silo)
        {
            lock (_lock)
            {
                _failed.Add(silo);
                return [.. silos.Where(s => !_failed.Contains(s))];
            }
        }

        public void Record(string silo, string style, int scale, ExpireBatchResult result)
        {
            lock (_lock)
            {
                Dirtied += result.Dirtied;
                NotStored += result.NotStored;
                SilosUsed.Add(silo);
                if (result.Refreshing.Length == 0)
                {
                    return;
                }

                if (!Refreshing.TryGetValue((silo, style, scale), out var list))
                {
                    Refreshing[(silo, style, scale)] = list = [];
                }

                list.AddRange(result.Refreshing);
            }
        }
    }
}
