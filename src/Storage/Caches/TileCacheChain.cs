using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Storage.Caches;

/// <summary>
/// The tiers of a chain as one cache, like TileStache's Multi cache: a lookup tries them fastest
/// first and fills the faster ones on a hit in a slower one; a write goes to all of them, and so
/// does an expiry. A tier that fails is passed by (counted, never thrown): the request goes on to
/// the next tier, or to the grain.
/// </summary>
public sealed partial class TileCacheChain : ITileCache, IAsyncDisposable
{
    private readonly TileCacheTier[] _tiers;
    private readonly TileCacheMetrics _metrics;
    private readonly ILogger _logger;

    internal TileCacheChain(TileCacheTier[] tiers, TileCacheMetrics metrics, ILogger logger) => (_tiers, _metrics, _logger) = (tiers, metrics, logger);

    /// <summary>The tiers' counters, fastest first.</summary>
    public IReadOnlyList<TileCacheTierStatus> Status() => [.. _tiers.Select(t => t.Status())];

    /// <inheritdoc />
    public ValueTask<CachedTile?> GetAsync(TileCacheKey key, CancellationToken cancellationToken)
    {
        if (_tiers.Length == 0)
        {
            return default;
        }

        // The memory tier answers synchronously: a hot hit costs no state machine.
        var first = _tiers[0];
        if (first.Cache is MemoryTileCache memory)
        {
            var hit = memory.Get(key);
            Count(first, hit is not null);
            return hit is not null ? new ValueTask<CachedTile?>(hit) : SlowerTiersAsync(1, key, cancellationToken);
        }

        return SlowerTiersAsync(0, key, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(TileCacheKey key, CachedTile tile, CancellationToken cancellationToken) =>
        await FillAsync(_tiers.Length, key, tile, cancellationToken);

    /// <inheritdoc />
    public async ValueTask RemoveAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken)
    {
        foreach (var tier in _tiers)
        {
            try
            {
                await tier.Cache.RemoveAsync(targets, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Failed(tier, e);
                LogRemoveFailed(tier.Settings.Label, tier.Settings.Ttl.TotalSeconds, e.Message);
            }
        }
    }

    /// <summary>
    /// Drops every tile of <paramref name="style"/> from this gateway's own tiers (another gateway took
    /// an expire list and removed the expired tiles from the shared tiers itself).
    /// </summary>
    /// <returns>How many tiles were dropped.</returns>
    public int RemoveStyleFromLocalTiers(string style) => _tiers.Select(t => t.Cache).OfType<MemoryTileCache>().Sum(m => m.RemoveStyle(style));

    /// <summary>Drops every tile inside the metatiles of <paramref name="targets"/> from this gateway's own tiers only.</summary>
    public void RemoveFromLocalTiers(IReadOnlyList<ExpiryTarget> targets)
    {
        foreach (var memory in _tiers.Select(t => t.Cache).OfType<MemoryTileCache>())
        {
            memory.Remove(targets);
        }
    }

    /// <summary>Empties this gateway's own tiers.</summary>
    public void ClearLocalTiers()
    {
        foreach (var memory in _tiers.Select(t => t.Cache).OfType<MemoryTileCache>())
        {
            memory.Clear();
        }
    }

    private async ValueTask<CachedTile?> SlowerTiersAsync(int from, TileCacheKey key, CancellationToken cancellationToken)
    {
        for (int i = from; i < _tiers.Length; i++)
        {
            var tier = _tiers[i];
            CachedTile? tile;
            try
            {
                tile = await tier.Cache.GetAsync(key, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Failed(tier, e);
                continue;
            }

            Count(tier, tile is not null);
            if (tile is not null)
            {
                await FillAsync(i, key, tile, cancellationToken);
                return tile;
            }
        }

        return null;
    }

    /// <summary>Writes the tile to the tiers before <paramref name="before"/>.</summary>
    private async ValueTask FillAsync(int before, TileCacheKey key, CachedTile tile, CancellationToken cancellationToken)
    {
        for (int i = 0; i < before; i++)
        {
            var tier = _tiers[i];
            try
            {
                await tier.Cache.SetAsync(key, tile, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Failed(tier, e);
            }
        }
    }

    private void Count(TileCacheTier tier, bool hit)
    {
        if (hit)
        {
            tier.Hit();
        }
        else
        {
            tier.Miss();
        }

        _metrics.Record(tier, hit ? "hit" : "miss");
    }

    private void Failed(TileCacheTier tier, Exception error)
    {
        if (error is BrokenCircuitException)
        {
            tier.Skipped();
            _metrics.Record(tier, "skipped");
            return;
        }

        tier.Error();
        _metrics.Record(tier, "error");
        LogTierFailed(tier.Settings.Label, error);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var tier in _tiers)
        {
            if (tier.Cache is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "Cache tier {Tier} failed")]
    private partial void LogTierFailed(string tier, Exception error);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Expired tiles could not be removed from cache tier {Tier} ({Reason}); its copies go stale for up to its TTL of {Seconds:F0} s")]
    private partial void LogRemoveFailed(string tier, double seconds, string reason);
}
