using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Storage.Caches;

/// <summary>Checks the <c>Cache</c> section; every message names the chain, the tier's index and kind, and the key.</summary>
internal sealed class CacheOptionsValidator(IOptions<OrleansClusterOptions> cluster, IOptions<LayersOptions> layers) : IValidateOptions<CacheOptions>
{
    private static readonly TimeSpan MaxTtl = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, CacheOptions options)
    {
        var errors = new List<string>();
        foreach (var (layerName, layer) in layers.Value.Layers)
        {
            if (options.TiersOf(layer.Cache) is null)
            {
                string known = string.Join(", ", options.Chains.Keys.Append(CacheOptions.DefaultChain).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                errors.Add($"Layers:{layerName}:Cache: '{layer.Cache}' names no chain under Cache:Chains (chains: {known})");
            }
        }

        foreach (var (chain, tiers) in options.Chains)
        {
            if (tiers.Count == 0)
            {
                errors.Add($"Cache:Chains:{chain}: list at least one tier (Kind 'none' caches nothing)");
            }

            for (int i = 0; i < tiers.Count; i++)
            {
                ValidateTier($"Cache:Chains:{chain}:{i}", chain, i, tiers[i], errors);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateTier(string path, string chain, int index, CacheTierOptions tier, List<string> errors)
    {
        string kind = tier.Kind.Trim().ToLowerInvariant();
        if (!CacheTierKinds.All.Contains(kind))
        {
            errors.Add($"{path}:Kind: '{tier.Kind}' is not a cache tier; use one of {string.Join(", ", CacheTierKinds.All)}");
            return;
        }

        if (kind == CacheTierKinds.None)
        {
            return;
        }

        string at = $"{path} ({kind})";
        bool shared = kind != CacheTierKinds.Memory;
        NotFor(at, "Megabytes", tier.Megabytes, kind == CacheTierKinds.Memcached, "memcached's own memory limit (memcached -m) is its budget", errors);
        NotFor(at, "Connection", tier.Connection, !shared, "a memory tier lives in the gateway", errors);
        NotFor(at, "KeyPrefix", tier.KeyPrefix, !shared, "a memory tier has no keys", errors);
        NotFor(at, "Timeout", tier.Timeout, !shared, "a memory tier does not wait", errors);
        NotFor(at, "BreakDuration", tier.BreakDuration, !shared, "a memory tier does not fail", errors);
        NotFor(at, "Connections", tier.Connections, kind != CacheTierKinds.Memcached, "only the memcached client keeps a pool", errors);

        var settings = CacheTierSettings.Resolve(chain, index, tier, cluster.Value);
        if (tier.Megabytes is < 1 or > 1_048_576)
        {
            errors.Add($"{at}:Megabytes: {tier.Megabytes} is outside 1..1048576");
        }

        if (settings.Ttl <= TimeSpan.Zero || settings.Ttl > MaxTtl)
        {
            errors.Add($"{at}:Ttl: {settings.Ttl} is outside (0, 30.00:00:00]");
        }

        if (!shared)
        {
            return;
        }

        if (settings.Timeout <= TimeSpan.Zero || settings.Timeout > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{at}:Timeout: {settings.Timeout} is outside (0, 00:00:10]");
        }

        if (settings.BreakDuration < TimeSpan.FromMilliseconds(500) || settings.BreakDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"{at}:BreakDuration: {settings.BreakDuration} is outside [00:00:00.5, 01:00:00]");
        }

        if (settings.KeyPrefix.Length is 0 or > 100 || settings.KeyPrefix.Any(c => c <= ' ' || c == 127))
        {
            errors.Add($"{at}:KeyPrefix: '{settings.KeyPrefix}' must be 1-100 characters with no spaces or control characters");
        }

        if (tier.Connections is < 1 or > 1024)
        {
            errors.Add($"{at}:Connections: {tier.Connections} is outside 1..1024");
        }

        if (kind == CacheTierKinds.Redis)
        {
            ValidateRedis(at, tier, settings, errors);
        }
        else if (!TryParseEndPoint(settings.Connection, out _))
        {
            errors.Add($"{at}:Connection: '{settings.Connection}' is not host:port (the memcached server, e.g. 127.0.0.1:11211)");
        }
    }

    private static void ValidateRedis(string at, CacheTierOptions tier, CacheTierSettings settings, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(settings.Connection))
        {
            errors.Add($"{at}:Connection: required, since Cluster:Redis is not set either");
            return;
        }

        try
        {
            if (ConfigurationOptions.Parse(settings.Connection).EndPoints.Count == 0)
            {
                errors.Add($"{at}:Connection: '{settings.Connection}' names no Redis server");
            }
        }
        catch (ArgumentException e)
        {
            errors.Add($"{at}:Connection: {(tier.Connection is null ? "Cluster:Redis " : string.Empty)}'{settings.Connection}' is not a Redis connection string: {e.Message}");
        }
    }

    /// <summary>Parses <c>host:port</c> (an IP address or a DNS name, port 1..65535).</summary>
    public static bool TryParseEndPoint(string value, out EndPoint endPoint)
    {
        endPoint = null!;
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out int port) || port is < 1 or > 65535)
        {
            return false;
        }

        string host = value[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            endPoint = new IPEndPoint(address, port);
            return true;
        }

        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            return false;
        }

        endPoint = new DnsEndPoint(host, port);
        return true;
    }

    private static void NotFor<T>(string at, string key, T? value, bool notApplicable, string why, List<string> errors)
    {
        if (notApplicable && value is not null)
        {
            errors.Add($"{at}:{key}: does not apply ({why})");
        }
    }
}
