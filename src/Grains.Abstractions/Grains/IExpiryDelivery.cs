using TileCluster.Grains.Abstractions.Expiry;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// Delivers metatile expiries to the grains that own them. Equivalent to calling
/// <see cref="IMetatileGrain.ExpireAsync"/> on every grain, but grouped by owner silo and sent in
/// batches, since an expire list names thousands of metatiles at once.
/// </summary>
public interface IExpiryDelivery
{
    /// <summary>
    /// Expires every metatile of every target. Completes once every owner has marked its
    /// metatiles (and, with <paramref name="waitForHot"/>, once their hot re-renders ended or
    /// <paramref name="waitTimeout"/> passed).
    /// </summary>
    /// <exception cref="ClusterUnavailableException">No silo could take part of the work; re-send the whole list (expiry is idempotent).</exception>
    ValueTask<ExpiryReport> DeliverAsync(IReadOnlyList<ExpiryTarget> targets, bool waitForHot, TimeSpan waitTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every stored metatile of every target (<see cref="IMetatileGrain.DeleteAsync"/>),
    /// grouped and batched the same way. Completes once every owner has removed its metatiles.
    /// </summary>
    /// <exception cref="ClusterUnavailableException">No silo could take part of the work; re-send the whole list (deleting is idempotent).</exception>
    ValueTask<DeleteReport> DeleteAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken);
}

/// <summary>The metatiles of one style and scale to expire.</summary>
public sealed record ExpiryTarget(string Style, int Scale, MetatileSet Metatiles);

/// <summary>What a delivery did.</summary>
/// <param name="Keys">Metatile keys delivered (metatiles x styles x scales).</param>
/// <param name="Dirtied">Stored metatiles marked dirty.</param>
/// <param name="NotStored">Metatiles never stored: nothing to do.</param>
/// <param name="HotRefreshing">Dirty metatiles at hot zooms whose re-render started.</param>
/// <param name="Silos">Silos that took part.</param>
/// <param name="Batches">Batches sent (redirects and retries included).</param>
/// <param name="Delivered">From the start until every owner had marked its metatiles.</param>
/// <param name="HotRendered">Hot re-renders that finished (with waiting only).</param>
/// <param name="HotFailed">Hot re-renders that failed or were deferred (with waiting only).</param>
/// <param name="HotTimedOut">Hot re-renders still running at the timeout (with waiting only).</param>
/// <param name="HotRenderedAfter">From the start until the last hot re-render ended; null without waiting or on timeout.</param>
public sealed record ExpiryReport(
    long Keys,
    long Dirtied,
    long NotStored,
    long HotRefreshing,
    int Silos,
    int Batches,
    TimeSpan Delivered,
    long HotRendered,
    long HotFailed,
    long HotTimedOut,
    TimeSpan? HotRenderedAfter);

/// <summary>What a delete delivery did.</summary>
/// <param name="Keys">Metatile keys delivered (metatiles x styles x scales).</param>
/// <param name="Deleted">Stored metatiles removed.</param>
/// <param name="NotStored">Metatiles with nothing stored.</param>
/// <param name="Silos">Silos that took part.</param>
/// <param name="Batches">Batches sent (re-routes included).</param>
public sealed record DeleteReport(long Keys, long Deleted, long NotStored, int Silos, int Batches);

/// <summary>No silo could be reached for part of the work.</summary>
public sealed class ClusterUnavailableException(string message) : Exception(message);
