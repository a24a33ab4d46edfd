using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// One per silo, keyed by the silo's name and placed on that silo: takes a silo's share of an
/// expire list in one call (never one call per metatile), and reports the silo's figures.
/// </summary>
public interface ISiloAgentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Expires metatiles of one style and scale that rendezvous placement gives to this silo.
    /// Metatiles with no activation here and nothing stored cost one <c>stat</c> and wake no grain.
    /// A batch of 20,000 may take longer than the cluster's default response timeout on a busy silo.
    /// </summary>
    [ResponseTimeout("00:01:00")]
    Task<ExpireBatchResult> ExpireAsync(string style, int scale, MetatileCoord[] metatiles, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the stored metatiles of one style and scale that rendezvous placement gives to this
    /// silo (<c>tilecluster clean --delete</c>). Like <see cref="ExpireAsync"/>, a metatile with no
    /// activation here costs one <c>stat</c> and one unlink, and wakes no grain.
    /// </summary>
    [ResponseTimeout("00:01:00")]
    Task<DeleteBatchResult> DeleteAsync(string style, int scale, MetatileCoord[] metatiles, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits, up to <paramref name="timeout"/>, for the re-renders of these metatiles. The grain
    /// enforces <paramref name="timeout"/> (at most an hour, <c>Expire:DefaultWaitTimeout</c>'s
    /// limit); the response timeout only has to outlast it.
    /// </summary>
    [ResponseTimeout("01:01:00")]
    Task<RefreshWaitResult> WaitForRefreshAsync(string style, int scale, MetatileCoord[] metatiles, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>This silo's counters.</summary>
    Task<SiloStatus> GetStatusAsync();
}

/// <summary>What a silo did with its share of an expiry batch.</summary>
/// <param name="Dirtied">Stored metatiles marked dirty.</param>
/// <param name="NotStored">Metatiles with nothing stored (nothing done).</param>
/// <param name="Refreshing">Dirty metatiles at hot zooms whose re-render started.</param>
[GenerateSerializer]
[Immutable]
public sealed record ExpireBatchResult(int Dirtied, int NotStored, MetatileCoord[] Refreshing);

/// <summary>What a silo did with its share of a delete batch.</summary>
/// <param name="Deleted">Stored metatiles removed.</param>
/// <param name="NotStored">Metatiles with nothing stored (nothing done).</param>
[GenerateSerializer]
[Immutable]
public sealed record DeleteBatchResult(int Deleted, int NotStored);

/// <summary>How waiting for re-renders ended.</summary>
/// <param name="Rendered">Re-renders that finished.</param>
/// <param name="Failed">Re-renders that failed or were deferred.</param>
/// <param name="TimedOut">Re-renders still running at the timeout.</param>
[GenerateSerializer]
[Immutable]
public sealed record RefreshWaitResult(int Rendered, int Failed, int TimedOut);
