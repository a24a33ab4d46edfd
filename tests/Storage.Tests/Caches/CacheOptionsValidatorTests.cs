namespace TileCluster.Storage.Tests.Caches;

/// <summary>A bad <c>Cache</c> section stops start-up with a message naming the chain, tier index, kind and key.</summary>
public sealed class CacheOptionsValidatorTests
{
    private const string Tier0 = "Cache:Chains:default:0";

    [Theory]
    [InlineData("Kind", "disk", null, null, "Cache:Chains:default:0:Kind: 'disk' is not a cache tier; use one of memory, redis, memcached, none")]
    [InlineData("Kind", "", null, null, "Cache:Chains:default:0:Kind: '' is not a cache tier")]
    [InlineData("Megabytes", "0", null, null, "Cache:Chains:default:0 (memory):Megabytes: 0 is outside 1..1048576")]
    [InlineData("Ttl", "00:00:00", null, null, "Cache:Chains:default:0 (memory):Ttl: 00:00:00 is outside (0, 30.00:00:00]")]
    [InlineData("Ttl", "31.00:00:00", null, null, "Cache:Chains:default:0 (memory):Ttl: 31.00:00:00 is outside")]
    [InlineData("Connection", "127.0.0.1:6379", null, null, "Cache:Chains:default:0 (memory):Connection: does not apply (a memory tier lives in the gateway)")]
    [InlineData("Timeout", "00:00:01", null, null, "Cache:Chains:default:0 (memory):Timeout: does not apply")]
    [InlineData("Kind", "redis", "Timeout", "00:00:00", "Cache:Chains:default:0 (redis):Timeout: 00:00:00 is outside (0, 00:00:10]")]
    [InlineData("Kind", "redis", "BreakDuration", "00:00:00.1", "Cache:Chains:default:0 (redis):BreakDuration: 00:00:00.1000000 is outside")]
    [InlineData("Kind", "redis", "KeyPrefix", "two words", "Cache:Chains:default:0 (redis):KeyPrefix: 'two words' must be 1-100 characters with no spaces")]
    [InlineData("Kind", "redis", "Connections", "4", "Cache:Chains:default:0 (redis):Connections: does not apply (only the memcached client keeps a pool)")]
    [InlineData("Kind", "redis", "Connection", ",,", "Cache:Chains:default:0 (redis):Connection: ',,' names no Redis server")]
    [InlineData("Kind", "memcached", "Connection", "localhost", "Cache:Chains:default:0 (memcached):Connection: 'localhost' is not host:port")]
    [InlineData("Kind", "memcached", "Connection", "127.0.0.1:99999", "Cache:Chains:default:0 (memcached):Connection: '127.0.0.1:99999' is not host:port")]
    [InlineData("Kind", "memcached", "Megabytes", "64", "Cache:Chains:default:0 (memcached):Megabytes: does not apply (memcached's own memory limit (memcached -m) is its budget)")]
    [InlineData("Kind", "memcached", "Connections", "0", "Cache:Chains:default:0 (memcached):Connections: 0 is outside 1..1024")]
    public async Task Validate_BadTier_NamesIndexKindAndKey(string key, string value, string? key2, string? value2, string expected)
    {
        var settings = new Dictionary<string, string?> { [$"{Tier0}:Kind"] = "memory", [$"{Tier0}:{key}"] = value };
        if (key2 is not null)
        {
            settings[$"{Tier0}:{key2}"] = value2;
        }

        if (value == "memcached" && key2 != "Connection")
        {
            settings[$"{Tier0}:Connection"] = "127.0.0.1:11211";
        }

        Assert.Contains(expected, await CacheHost.ErrorsAsync(settings));
    }

    [Fact]
    public async Task Validate_LayerNamesUnknownChain_NamesLayerKeyAndKnownChains()
    {
        string errors = await CacheHost.ErrorsAsync(new Dictionary<string, string?>
        {
            ["Cache:Chains:fast:0:Kind"] = "memory",
            ["Layers:topo:Cache"] = "shared",
        });
        Assert.Contains("Layers:topo:Cache: 'shared' names no chain under Cache:Chains (chains: default, fast)", errors);
    }

    [Fact]
    public async Task Validate_LayerNamingConfiguredChain_HasNoErrors()
    {
        string errors = await CacheHost.ErrorsAsync(new Dictionary<string, string?>
        {
            ["Cache:Chains:shared:0:Kind"] = "memory",
            ["Layers:topo:Cache"] = "shared",
            ["Layers:osm:Cache"] = "default",
        });
        Assert.Equal(string.Empty, errors);
    }

    [Fact]
    public async Task Validate_BadTierInNamedChain_NamesTheChain()
    {
        string errors = await CacheHost.ErrorsAsync(new Dictionary<string, string?> { ["Cache:Chains:shared:0:Kind"] = "disk" });
        Assert.Contains("Cache:Chains:shared:0:Kind: 'disk' is not a cache tier", errors);
    }

    [Fact]
    public async Task Validate_RedisWithoutConnectionOrClusterRedis_SaysBothAreMissing()
    {
        string errors = await CacheHost.ErrorsAsync(new Dictionary<string, string?> { [$"{Tier0}:Kind"] = "redis" });
        Assert.Contains("Cache:Chains:default:0 (redis):Connection: required, since Cluster:Redis is not set either", errors);
    }

    [Theory]
    [InlineData("memory", null)]
    [InlineData("redis", "127.0.0.1:6379,abortConnect=false")]
    [InlineData("memcached", "127.0.0.1:11211")]
    [InlineData("memcached", "cache.internal:11211")]
    [InlineData("none", null)]
    public async Task Validate_GoodTier_Passes(string kind, string? connection)
    {
        var settings = new Dictionary<string, string?> { [$"{Tier0}:Kind"] = kind };
        if (connection is not null)
        {
            settings[$"{Tier0}:Connection"] = connection;
        }

        Assert.Equal(string.Empty, await CacheHost.ErrorsAsync(settings));
    }

    [Fact]
    public async Task Validate_NoneTier_IgnoresTheSettingsOfTheTierItReplaces()
    {
        // A tier is switched off by its Kind alone (one environment variable), whatever else the file sets.
        string errors = await CacheHost.ErrorsAsync(new Dictionary<string, string?> { [$"{Tier0}:Kind"] = "none", [$"{Tier0}:Megabytes"] = "256", [$"{Tier0}:Ttl"] = "00:01:00" });
        Assert.Equal(string.Empty, errors);
    }
}
