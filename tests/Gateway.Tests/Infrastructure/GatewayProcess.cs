using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>A real gateway process on a free loopback port, with its own tile store, against the test PostGIS.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _storeRoot;
    private readonly bool _ownsStore;

    private GatewayProcess(Process process, string storeRoot, bool ownsStore, int port)
    {
        _process = process;
        _storeRoot = storeRoot;
        _ownsStore = ownsStore;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string StoreRoot => _storeRoot;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a gateway and waits for <c>/healthz</c>. Without <paramref name="storeRoot"/> it gets
    /// a temporary store that is deleted with it; a given store belongs to the caller.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(IDictionary<string, string>? environment = null, string? storeRoot = null)
    {
        bool ownsStore = storeRoot is null;
        storeRoot ??= Directory.CreateTempSubdirectory("tilecluster-store-").FullName;
        int port = FreePort();
        var gateway = new GatewayProcess(Launch(port, storeRoot, environment), storeRoot, ownsStore, port);
        gateway.Capture();
        await gateway.WaitHealthyAsync();
        return gateway;
    }

    /// <summary>Runs a gateway that is expected to fail at start-up; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string> environment)
    {
        string store = Directory.CreateTempSubdirectory("tilecluster-store-").FullName;
        var gateway = new GatewayProcess(Launch(FreePort(), store, environment), store, ownsStore: true, 0);
        gateway.Capture();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await gateway._process.WaitForExitAsync(timeout.Token);
        int exitCode = gateway._process.ExitCode;
        await gateway.DisposeAsync();
        return (exitCode, gateway.Output);
    }

    private static Process Launch(int port, string storeRoot, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepositoryPaths.GatewayDll, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["TILECLUSTER_CONFIG"] = RepositoryPaths.Config;
        start.Environment["TILECLUSTER_Database__ConnectionString"] = RepositoryPaths.TestConnectionString;
        start.Environment["TILECLUSTER_Store__Root"] = storeRoot;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private void Capture()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"gateway exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"gateway did not become healthy:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (!_ownsStore)
        {
            return;
        }

        try
        {
            Directory.Delete(_storeRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}
