using StackExchange.Redis;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Storage.Caches;

/// <summary>
/// The <c>redis</c> tier: tiles shared by every gateway in a Redis (the cluster's or another),
/// within a byte budget our own accounting keeps (<see cref="RedisScripts"/>) whatever Redis's
/// <c>maxmemory</c>, and a TTL. A lookup is one GET; a write and an expiry are one script each.
/// Standalone Redis only: the scripts touch keys they derive, which Redis Cluster does not allow.
/// </summary>
internal sealed class RedisTileCache : ITileCache, IAsyncDisposable
{
    /// <summary>Metatiles per removal script: each call blocks Redis briefly, not for a whole expire list.</summary>
    private const int RemoveBatch = 500;

    private readonly CacheTierSettings _settings;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly RedisKey[] _accounting;
    private readonly RedisValue _budget;
    private readonly RedisValue _ttlMilliseconds;
    private readonly string _tilePrefix;

    public RedisTileCache(CacheTierSettings settings)
    {
        _settings = settings;
        _tilePrefix = settings.KeyPrefix + "t:";
        _accounting = [settings.KeyPrefix + "exp", settings.KeyPrefix + "lex", settings.KeyPrefix + "sizes", settings.KeyPrefix + "bytes"];
        _budget = settings.BudgetBytes;
        _ttlMilliseconds = (long)settings.Ttl.TotalMilliseconds;
        _connection = new Lazy<Task<ConnectionMultiplexer>>(ConnectAsync);
    }

    public async ValueTask<CachedTile?> GetAsync(TileCacheKey key, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken);
        using var lease = await database.StringGetLeaseAsync(_tilePrefix + key.SharedId()).WaitAsync(cancellationToken);
        return lease is null ? null : CachedTileCodec.Decode(lease.Span);
    }

    public async ValueTask SetAsync(TileCacheKey key, CachedTile tile, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken);
        string id = key.SharedId();
        await database.ScriptEvaluateAsync(
            RedisScripts.Set,
            [.. _accounting, _tilePrefix + id],
            [_tilePrefix, id, _ttlMilliseconds, _budget, CachedTileCodec.Encode(tile)]).WaitAsync(cancellationToken);
    }

    public async ValueTask RemoveAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken);
        var batch = new List<RedisValue>(RemoveBatch + 1) { _tilePrefix };
        foreach (var target in targets)
        {
            foreach (var metatile in target.Metatiles.Enumerate())
            {
                batch.Add(TileCacheKey.MetatilePrefix(target.Style, target.Scale, metatile));
                if (batch.Count > RemoveBatch)
                {
                    await RemoveBatchAsync(database, batch, cancellationToken);
                }
            }
        }

        if (batch.Count > 1)
        {
            await RemoveBatchAsync(database, batch, cancellationToken);
        }
    }

    private async Task RemoveBatchAsync(IDatabase database, List<RedisValue> batch, CancellationToken cancellationToken)
    {
        await database.ScriptEvaluateAsync(RedisScripts.RemoveMetatiles, _accounting, [.. batch]).WaitAsync(cancellationToken);
        batch.RemoveRange(1, batch.Count - 1);
    }

    private async ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        (await _connection.Value.WaitAsync(cancellationToken)).GetDatabase();

    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(_settings.Connection);

        // Never wait for a Redis that is down: the caller skips the tier and the multiplexer reconnects by itself.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Max(1000, (int)_settings.Timeout.TotalMilliseconds);
        options.AsyncTimeout = Math.Max(100, (int)_settings.Timeout.TotalMilliseconds);
        options.ClientName ??= "tilecluster-cache";
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
