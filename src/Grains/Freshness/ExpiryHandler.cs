using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Runtime;
using TileCluster.Grains.Runtime.Cluster;
using TileCluster.Storage;

namespace TileCluster.Grains.Freshness;

/// <summary>
/// A silo's side of an expiry batch: each metatile goes to its grain, except metatiles that have
/// no activation and nothing stored, which cost one <c>stat</c> and never wake a grain.
/// </summary>
internal sealed class ExpiryHandler(
    IGrainFactory grains,
    ActivationTable<MetatileKey, IMetatileGrain> activations,
    ITileStore store,
    FreshnessMetrics metrics)
{
    // Grain calls usually finish at once; a few may wait on a turn held by a render.
    private const int Concurrency = 32;

    /// <summary>Expires the batch's metatiles that <paramref name="ownerOf"/> says are this silo's (it returns null for those).</summary>
    public async Task<ExpireBatchResponse> ExpireAsync(string style, int scale, IReadOnlyList<MetatileCoord> metatiles, Func<MetatileKey, string?> ownerOf, CancellationToken cancellationToken)
    {
        int dirtied = 0, notStored = 0;
        var refreshing = new List<int[]>();
        var misdirected = new Dictionary<string, List<int[]>>(StringComparer.Ordinal);
        var mine = new List<MetatileKey>(metatiles.Count);
        foreach (var metatile in metatiles)
        {
            var key = new MetatileKey(style, scale, metatile);
            if (ownerOf(key) is { } owner)
            {
                (misdirected.TryGetValue(owner, out var list) ? list : misdirected[owner] = []).Add(Triple(metatile));
                continue;
            }

            if (!activations.IsActive(key) && await store.StatAsync(key, cancellationToken) is null)
            {
                notStored++;
                metrics.RecordExpire(ExpireOutcome.NotStored);
                continue;
            }

            mine.Add(key);
        }

        var gate = new Lock();
        await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (key, ct) =>
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
                        refreshing.Add(Triple(key.Metatile));
                        break;
                    default:
                        dirtied++;
                        break;
                }
            }
        });

        return new ExpireBatchResponse(
            dirtied,
            notStored,
            [.. refreshing],
            [.. misdirected.Select(m => new MisdirectedMetatiles(m.Key, [.. m.Value]))]);
    }

    /// <summary>Waits, up to <paramref name="timeout"/>, for the re-renders of the batch's metatiles.</summary>
    public async Task<RefreshWaitResponse> WaitAsync(string style, int scale, IReadOnlyList<MetatileCoord> metatiles, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        int rendered = 0, failed = 0, timedOut = 0;
        await Task.WhenAll(metatiles.Select(async metatile =>
        {
            try
            {
                var status = await grains.GetMetatileGrain(new MetatileKey(style, scale, metatile)).WaitForRefreshAsync(deadline.Token);
                Interlocked.Increment(ref status == TileStatus.Ok ? ref rendered : ref failed);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref timedOut);
            }
        }));

        return new RefreshWaitResponse(rendered, failed, timedOut);
    }

    internal static int[] Triple(MetatileCoord metatile) => [metatile.Z, metatile.X, metatile.Y];
}
