using System.Globalization;
using System.Text.Json.Nodes;
using TileCluster.Storage;
using TileCluster.Storage.Caches;

namespace TileCluster.Cli.Import;

/// <summary>
/// TileStache's cache → our tiers: <c>Disk</c> is the silos' <c>.meta</c> store (<c>Store:Root</c>);
/// the shared and in-memory ones are the gateway's chain (<c>Cache:Chains:default</c>).
/// </summary>
internal sealed partial class TileStacheImport
{
    private void ConvertCache(string at, JsonNode? value, JsonObject output)
    {
        var tiers = new JsonArray();
        ConvertCacheTier(at, value, tiers, output);
        if (tiers.Count > 0)
        {
            output["Cache"] = new JsonObject { ["Chains"] = new JsonObject { [CacheOptions.DefaultChain] = tiers } };
        }
    }

    private void ConvertCacheTier(string at, JsonNode? value, JsonArray tiers, JsonObject output)
    {
        if (value is not JsonObject cache)
        {
            Refuse(at, "expected a cache object");
            return;
        }

        string? name = cache["name"] is JsonValue n && n.TryGetValue(out string? text) ? text : null;
        switch (name?.ToLowerInvariant())
        {
            case "test":
                Refuse(Pointer(at, "name"), $"'Test' keeps nothing: the gateway's chain becomes '{CacheTierKinds.None}', but the silos still store what they render (a layer's WriteCache false keeps nothing)");
                tiers.Add(new JsonObject { ["Kind"] = CacheTierKinds.None });
                Unsupported(at, cache, "name", "verbose");
                break;
            case "disk":
                ConvertDisk(at, cache, output);
                break;
            case "multi":
                if (cache["tiers"] is JsonArray list)
                {
                    for (int i = 0; i < list.Count; i++)
                    {
                        ConvertCacheTier(Pointer(Pointer(at, "tiers"), i.ToString(CultureInfo.InvariantCulture)), list[i], tiers, output);
                    }
                }
                else
                {
                    Refuse(at, "a Multi cache needs a 'tiers' list");
                }

                Unsupported(at, cache, "name", "tiers");
                break;
            case "memcache":
                ConvertMemcache(at, cache, tiers);
                break;
            case "redis":
                ConvertRedis(at, cache, tiers);
                break;
            case "s3":
                Refuse(at, CacheTierKinds.All.Contains("s3")
                    ? "TileCluster's s3 tier exists, but this import does not convert it yet; configure it by hand (docs/configuration.md)"
                    : $"TileCluster has no S3 tier in this build; its tiers are {string.Join(", ", CacheTierKinds.All)} and the silos' .meta store (Store:Root)");
                break;
            default:
                Refuse(at, cache["class"] is JsonValue c && c.TryGetValue(out string? @class)
                    ? $"a Python class cache ('{@class}') cannot be converted: TileCluster runs no Python"
                    : name is null ? "the cache has neither a 'name' nor a 'class'" : $"'{name}' is not a TileStache cache TileCluster knows");
                break;
        }
    }

    private void ConvertDisk(string at, JsonObject cache, JsonObject output)
    {
        string pathAt = Pointer(at, "path");
        if (cache["path"] is null)
        {
            Refuse(at, "a Disk cache needs a 'path'");
        }
        else if (Text(pathAt, cache["path"]) is { } path)
        {
            if (output[StoreOptions.Section] is not null)
            {
                Refuse(pathAt, "TileCluster has one disk store (Store:Root); an earlier Disk tier already set it");
            }
            else
            {
                output[StoreOptions.Section] = new JsonObject { ["Root"] = _paths.Rewrite(path) };
            }
        }

        foreach (var (key, _) in cache)
        {
            string keyAt = Pointer(at, key);
            switch (key)
            {
                case "name" or "path":
                    break;
                case "dirs":
                    Refuse(keyAt, "TileCluster's disk store keeps mod_tile .meta files (8×8 tiles each) in its own layout; existing TileStache tiles are not read");
                    break;
                case "umask":
                    Refuse(keyAt, "the store's files get the silo process's umask");
                    break;
                case "gzip":
                    Refuse(keyAt, "the store keeps tiles as rendered; vector tiles are gzipped when served to a client that accepts it");
                    break;
                default:
                    Refuse(keyAt, "not a Disk cache setting");
                    break;
            }
        }
    }

    private void ConvertMemcache(string at, JsonObject cache, JsonArray tiers)
    {
        var tier = new JsonObject { ["Kind"] = CacheTierKinds.Memcached };
        foreach (var (key, value) in cache)
        {
            string keyAt = Pointer(at, key);
            switch (key)
            {
                case "name":
                    break;
                case "servers":
                    if (value is JsonArray { Count: > 0 } servers && Text(Pointer(keyAt, "0"), servers[0]) is { } server)
                    {
                        tier["Connection"] = server;
                        for (int i = 1; i < servers.Count; i++)
                        {
                            Refuse(Pointer(keyAt, i.ToString(CultureInfo.InvariantCulture)), "TileCluster's memcached tier talks to one server; add another tier for another server");
                        }
                    }
                    else if (value is not JsonArray { Count: > 0 })
                    {
                        Refuse(keyAt, "expected a list of host:port");
                    }

                    break;
                case "key prefix":
                    if (Text(keyAt, value) is { } prefix)
                    {
                        tier["KeyPrefix"] = prefix;
                    }

                    break;
                case "revision":
                    Refuse(keyAt, "TileCluster drops stale tiles by expiry (tilecluster expire, tilecluster clean), not by a key revision");
                    break;
                default:
                    Refuse(keyAt, "not a Memcache cache setting");
                    break;
            }
        }

        // TileStache's default server.
        tier["Connection"] ??= "127.0.0.1:11211";
        tiers.Add(tier);
    }

    private void ConvertRedis(string at, JsonObject cache, JsonArray tiers)
    {
        var tier = new JsonObject { ["Kind"] = CacheTierKinds.Redis };
        string host = "localhost";
        int port = 6379, database = 0;
        foreach (var (key, value) in cache)
        {
            string keyAt = Pointer(at, key);
            switch (key)
            {
                case "name":
                    break;
                case "host":
                    host = Text(keyAt, value) ?? host;
                    break;
                case "port":
                    port = Integer(keyAt, value, 1, 65535) ?? port;
                    break;
                case "db":
                    database = Integer(keyAt, value, 0, 10_000) ?? database;
                    break;
                case "key prefix":
                    if (Text(keyAt, value) is { } prefix)
                    {
                        tier["KeyPrefix"] = prefix;
                    }

                    break;
                default:
                    Refuse(keyAt, "not a Redis cache setting");
                    break;
            }
        }

        // TileStache's defaults: localhost:6379, database 0.
        tier["Connection"] = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}{(database == 0 ? string.Empty : $",defaultDatabase={database}")}");
        tiers.Add(tier);
    }

    private void Unsupported(string at, JsonObject cache, params string[] known)
    {
        foreach (var (key, _) in cache)
        {
            if (!known.Contains(key))
            {
                Refuse(Pointer(at, key), key == "verbose" ? "TileCluster logs through Logging:LogLevel" : "not a setting of this cache");
            }
        }
    }
}
