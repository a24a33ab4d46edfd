using System.Globalization;
using System.Text.Json;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A real cluster for a test: a Redis for membership, silo processes and a gateway on loopback,
/// with a tile store of its own, against the test PostGIS. Clusters of parallel tests share the
/// database but never see each other.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> _environment;
    private readonly bool _ownsStore;
    private readonly bool _storePerSilo;
    private int _siloCount;

    private TestCluster(RedisServer redis, Dictionary<string, string> environment, string storeRoot, bool ownsStore, bool storePerSilo)
    {
        Redis = redis;
        _storePerSilo = storePerSilo;
        _environment = environment;
        StoreRoot = storeRoot;
        _ownsStore = ownsStore;
    }

    public string StoreRoot { get; }

    /// <summary>The cluster's membership store.</summary>
    public RedisServer Redis { get; }

    public List<NodeProcess> Silos { get; } = [];

    public NodeProcess Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    public Uri BaseAddress => Gateway.Client.BaseAddress!;

    /// <summary>
    /// Starts <paramref name="silos"/> silos and a gateway, and waits until the gateway sees every
    /// silo active. Without <paramref name="storeRoot"/> the store is temporary and deleted with
    /// the cluster; a given store belongs to the caller. With <paramref name="storePerSilo"/> each
    /// silo stores its tiles in a folder of its own under the store root, named after the silo.
    /// </summary>
    /// <param name="gatewayPort">The gateway's port, when the configuration must know it in advance (a layer whose upstream is this cluster); a free one by default.</param>
    public static async Task<TestCluster> StartAsync(int silos = 2, IDictionary<string, string>? environment = null, string? storeRoot = null, bool storePerSilo = false, int? gatewayPort = null)
    {
        var redis = await RedisServer.StartAsync();
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["TILECLUSTER_Cluster__ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["TILECLUSTER_Cluster__Redis"] = redis.ConnectionString,
        };
        bool ownsStore = storeRoot is null;
        storeRoot ??= Directory.CreateTempSubdirectory("tilecluster-store-").FullName;
        env["TILECLUSTER_Store__Root"] = storeRoot;
        var cluster = new TestCluster(redis, env, storeRoot, ownsStore, storePerSilo);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync()));
            int port = gatewayPort ?? Loopback.FreePort();
            cluster.Gateway = NodeProcess.Start("gateway", RepositoryPaths.GatewayDll, port, env);
            await cluster.Gateway.WaitForAsync("/readyz", StartTimeout);
            await cluster.WaitForActiveSilosAsync(silos);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one more silo and waits until it is ready: its <c>/readyz</c> answers 200 once it is
    /// active in the Orleans membership.
    /// </summary>
    public async Task<NodeProcess> AddSiloAsync()
    {
        int n = Interlocked.Increment(ref _siloCount);
        var silo = StartSilo($"silo-{n}");
        lock (Silos)
        {
            Silos.Add(silo);
        }

        await silo.WaitForAsync("/readyz", StartTimeout);
        return silo;
    }

    /// <summary>
    /// Starts silo <paramref name="index"/> again under its old name (a StatefulSet pod coming
    /// back), on new ports, once the old process has exited; the caller stops the old one first.
    /// <paramref name="readyTimeout"/> is how long it may take to become ready (default 90 s).
    /// </summary>
    public async Task<NodeProcess> RestartSiloAsync(int index, TimeSpan? readyTimeout = null)
    {
        var old = Silos[index];
        await old.WaitForExitAsync(StartTimeout);
        await old.DisposeAsync();
        var silo = StartSilo(old.Name);
        lock (Silos)
        {
            Silos[index] = silo;
        }

        await silo.WaitForAsync("/readyz", readyTimeout ?? StartTimeout);
        return silo;
    }

    /// <summary>Starts the gateway again on a new port once the old process has exited; the caller stops the old one first.</summary>
    public async Task RestartGatewayAsync()
    {
        await Gateway.WaitForExitAsync(StartTimeout);
        await Gateway.DisposeAsync();
        Gateway = NodeProcess.Start("gateway", RepositoryPaths.GatewayDll, Loopback.FreePort(), _environment);
        await Gateway.WaitForAsync("/readyz", StartTimeout);
    }

    private NodeProcess StartSilo(string name)
    {
        var environment = SiloEnvironment(_environment, name);
        if (_storePerSilo)
        {
            // Each silo its own disk, as in a StatefulSet: a tile is found again only where it was rendered.
            environment["TILECLUSTER_Store__Root"] = Path.Combine(StoreRoot, name);
        }

        return NodeProcess.Start(name, RepositoryPaths.SiloDll, Loopback.FreePort(), environment);
    }

    /// <summary>A silo's own settings: its name and two free ports on loopback.</summary>
    public static Dictionary<string, string> SiloEnvironment(IDictionary<string, string> shared, string name) => new(shared)
    {
        ["TILECLUSTER_Cluster__SiloName"] = name,
        ["TILECLUSTER_Cluster__AdvertisedAddress"] = "127.0.0.1",
        ["TILECLUSTER_Cluster__SiloPort"] = Loopback.FreePort().ToString(CultureInfo.InvariantCulture),
        ["TILECLUSTER_Cluster__GatewayPort"] = Loopback.FreePort().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Starts another gateway of the same cluster (disposed with it).</summary>
    public async Task<NodeProcess> AddGatewayAsync()
    {
        var gateway = NodeProcess.Start($"gateway-{Guid.NewGuid():N}"[..12], RepositoryPaths.GatewayDll, Loopback.FreePort(), _environment);
        lock (ExtraGateways)
        {
            ExtraGateways.Add(gateway);
        }

        await gateway.WaitForAsync("/readyz", StartTimeout);
        return gateway;
    }

    public List<NodeProcess> ExtraGateways { get; } = [];

    /// <summary>Waits until the given count of active silos shows in the gateway's status.</summary>
    public async Task WaitForActiveSilosAsync(int count)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ActiveSiloCountAsync() == count)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"the gateway never saw {count} active silos:\n{Gateway.Output}"));
    }

    /// <summary>The silos' status as the gateway reports it.</summary>
    public async Task<JsonElement[]> SiloStatusAsync()
    {
        using var status = JsonDocument.Parse(await Client.GetStringAsync(new Uri("/status.json", UriKind.Relative)));
        return [.. status.RootElement.GetProperty("silos").EnumerateArray().Select(s => s.Clone())];
    }

    /// <summary>Metatile renders so far, summed over the silos.</summary>
    public async Task<long> RendersAsync() => (await SiloStatusAsync()).Sum(s => s.GetProperty("renders").GetInt64());

    /// <summary>
    /// Waits until no render is queued and the render count holds still for a second, so re-renders
    /// an earlier test left running in the background (stale tiles queue them) are not counted later.
    /// </summary>
    public async Task WaitForIdleAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        long last = -1;
        while (DateTime.UtcNow < deadline)
        {
            var silos = await SiloStatusAsync();
            long renders = silos.Sum(s => s.GetProperty("renders").GetInt64());
            int queued = silos.Sum(s => s.GetProperty("queueDepthByPriority").EnumerateObject().Sum(p => p.Value.GetInt32()));
            if (queued == 0 && renders == last)
            {
                return;
            }

            last = queued == 0 ? renders : -1;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException("the cluster never went idle");
    }

    /// <summary>Runs one process that is expected to fail at start-up; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string dll, IDictionary<string, string> environment)
    {
        var env = SiloEnvironment(new Dictionary<string, string>
        {
            ["TILECLUSTER_Cluster__ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["TILECLUSTER_Cluster__Redis"] = RepositoryPaths.TestRedis,
        }, "silo-1");
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        await using var node = NodeProcess.Start(Path.GetFileNameWithoutExtension(dll), dll, Loopback.FreePort(), env);
        await node.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (node.ExitCode, node.Output);
    }

    private async Task<int> ActiveSiloCountAsync()
    {
        try
        {
            return (await SiloStatusAsync()).Count(s => s.GetProperty("status").GetString() == "active");
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        foreach (var gateway in ExtraGateways)
        {
            await gateway.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Redis.DisposeAsync();

        if (_ownsStore)
        {
            try
            {
                Directory.Delete(StoreRoot, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder.
            }
        }
    }
}
