namespace TileCluster.Storage.Caches;

/// <summary>
/// The Lua scripts that keep the Redis tier's byte budget. Besides one string per tile
/// (<c>{prefix}t:{id}</c>, with its TTL), the tier keeps <c>{prefix}exp</c> (tile ids by expiry
/// time), <c>{prefix}lex</c> (tile ids in name order, so a metatile's tiles are one range),
/// <c>{prefix}sizes</c> (bytes per tile) and <c>{prefix}bytes</c> (their sum). Each script runs
/// atomically in Redis, so gateways writing at once keep the sum right. Time is Redis's own clock.
/// </summary>
internal static class RedisScripts
{
    private const string Forget = """
        local exp, lex, sizes, total = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
        local function forget(m)
          local s = redis.call('HGET', sizes, m)
          if s then
            redis.call('DECRBY', total, s)
            redis.call('HDEL', sizes, m)
          end
          redis.call('ZREM', exp, m)
          redis.call('ZREM', lex, m)
        end
        """;

    /// <summary>
    /// KEYS: exp, lex, sizes, bytes, the tile's key. ARGV: tile key prefix, tile id, TTL (ms), budget
    /// (bytes), value. Accounts for tiles whose TTL ran out (a bounded number per call), stores the
    /// tile, then drops the tiles closest to expiry (the oldest writes) until the sum fits the budget.
    /// </summary>
    public const string Set = Forget + """

        local prefix, id, ttl, budget, value = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        for _, m in ipairs(redis.call('ZRANGEBYSCORE', exp, '-inf', now, 'LIMIT', 0, 100)) do forget(m) end
        forget(id)
        redis.call('SET', KEYS[5], value, 'PX', ttl)
        redis.call('HSET', sizes, id, #value)
        redis.call('ZADD', exp, now + ttl, id)
        redis.call('ZADD', lex, 0, id)
        local bytes = redis.call('INCRBY', total, #value)
        while bytes > budget do
          local oldest = redis.call('ZRANGE', exp, 0, 0)
          if #oldest == 0 then break end
          redis.call('DEL', prefix .. oldest[1])
          forget(oldest[1])
          bytes = tonumber(redis.call('GET', total))
        end
        return bytes
        """;

    /// <summary>
    /// KEYS: exp, lex, sizes, bytes. ARGV: tile key prefix, then metatile prefixes
    /// (<see cref="TileCacheKey.MetatilePrefix"/>). Deletes every stored tile of those metatiles.
    /// </summary>
    public const string RemoveMetatiles = Forget + """

        local removed = 0
        for i = 2, #ARGV do
          local p = ARGV[i]
          for _, m in ipairs(redis.call('ZRANGEBYLEX', lex, '[' .. p, '(' .. p .. '\255')) do
            redis.call('DEL', ARGV[1] .. m)
            forget(m)
            removed = removed + 1
          end
        end
        return removed
        """;
}
