using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>
/// <c>./run.sh</c> as a new user runs it (on the built tree and the test import): it behaves like
/// the cluster it starts. A silo killed with <c>kill -9</c> does not take the rest down; run.sh
/// says so and starts it again, and tiles keep being served.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class RunScriptTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunSh_KillNineOneOfThreeSilos_TilesKeepBeingServed_AndTheSiloIsRestarted()
    {
        await using var run = await RunScript.StartAsync(silos: 3);
        string[] paths = [.. Enumerable.Range(0, 16).SelectMany(m => Enumerable.Range(0, 4).Select(t => $"/osm/15/{17248 + (m % 4 * 8) + t}/{11504 + (m / 4 * 8) + t}.png"))];
        using (var client = new HttpClient { BaseAddress = run.BaseAddress, Timeout = TimeSpan.FromSeconds(60) })
        {
            // Rendered and stored first: the load then measures failover, not rendering.
            await ClusterRequests.AssertAllServedAsync(client, paths);
        }

        await using var load = new LoadLoop(run.BaseAddress, paths);
        await Task.Delay(TimeSpan.FromSeconds(5), Cancel);

        double killedAt = load.Now;
        run.KillSilo(2);
        await run.WaitForOutputAsync("silo-2 exited", TimeSpan.FromSeconds(30));
        await run.WaitForActiveSilosAsync(3, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        await load.StopAsync();

        var samples = load.Samples;
        var failures = samples.Where(s => !s.Ok).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{samples.Count} requests, {failures.Count} failed; killed at {killedAt:F1} s"));
        Assert.Contains("restarting it", run.Output);
        Assert.True(samples.Count(s => s.Started > killedAt && s.Ok) > 20, "no tiles served after the kill");
        Assert.True(failures.Count == 0, "requests failed: " + string.Join("; ", failures.Take(5).Select(f => $"{f.Started:F1}s {f.Status} {f.Error}")));
    }

    /// <summary>run.sh in the background, on ports of its own, against the test database and Redis.</summary>
    private sealed class RunScript : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly int _port;

        private RunScript(Process process, int port)
        {
            _process = process;
            _port = port;
            BaseAddress = new Uri($"http://127.0.0.1:{port}");
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public Uri BaseAddress { get; }

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

        public static async Task<RunScript> StartAsync(int silos)
        {
            // run.sh takes PORT, PORT+1..silos, PORT+101.. and PORT+201..: find a base where all are free.
            int port = Enumerable.Range(0, 50).Select(_ => Random.Shared.Next(20000, 40000))
                .First(p => Enumerable.Range(0, silos + 1).All(i => IsFree(p + i) && (i == 0 || (IsFree(p + 100 + i) && IsFree(p + 200 + i)))));
            var start = new ProcessStartInfo("bash")
            {
                ArgumentList = { Path.Combine(RepositoryPaths.Root, "run.sh") },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepositoryPaths.Root,
            };
            start.Environment["TILECLUSTER_SKIP_SETUP"] = "1";
            start.Environment["TILECLUSTER_SILOS"] = silos.ToString(CultureInfo.InvariantCulture);
            start.Environment["TILECLUSTER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
            start.Environment["TILECLUSTER_DB"] = new Npgsql.NpgsqlConnectionStringBuilder(RepositoryPaths.TestConnectionString).Database;
            start.Environment["TILECLUSTER_REDIS_PORT"] = RepositoryPaths.TestRedis.Split(':')[^1];
            start.Environment["TILECLUSTER_ADMIN_TOKEN"] = "run-script-test-token";

            // Every request reaches a grain, so a dead silo cannot hide behind the gateway's cache.
            start.Environment["TILECLUSTER_Cache__Chains__default__0__Kind"] = "none";
            var run = new RunScript(Process.Start(start) ?? throw new InvalidOperationException("could not start run.sh"), port);
            try
            {
                await run.WaitForOutputAsync("ready: ", TimeSpan.FromSeconds(120));
                await run.WaitForActiveSilosAsync(silos, TimeSpan.FromSeconds(60));
                return run;
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }
        }

        public void KillSilo(int n)
        {
            using var kill = Process.Start("pkill", ["-9", "-f", "--", $"--urls http://127.0.0.1:{_port + n}$"]) ?? throw new InvalidOperationException("pkill");
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        public async Task WaitForOutputAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"run.sh never printed '{text}' (exited: {_process.HasExited}):\n{Output}");
                }

                await Task.Delay(200, Cancel);
            }
        }

        public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
        {
            using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var status = JsonDocument.Parse(await client.GetStringAsync(new Uri("/status.json", UriKind.Relative), Cancel));
                    if (status.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active") == count)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // The gateway is being restarted.
                }

                await Task.Delay(500, Cancel);
            }

            throw new TimeoutException($"never {count} active silos:\n{Output}");
        }

        private static bool IsFree(int port)
        {
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
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

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                // Ctrl-C's twin: run.sh stops what it started.
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term!.WaitForExitAsync();
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process.Dispose();
        }
    }
}
