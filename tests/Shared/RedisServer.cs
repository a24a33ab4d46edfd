using System.Globalization;

namespace TileCluster.Tests.Shared;

/// <summary>
/// A real <c>redis-server</c> (Debian's) on a free loopback port with a folder of its own, for one
/// test cluster's membership. Tests stop and start it to see the cluster ride out a Redis outage.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private ServerProcess? _process;

    private RedisServer(int port, string directory) => (Port, _directory) = (port, directory);

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(Loopback.FreePort(), Directory.CreateTempSubdirectory("tilecluster-redis-").FullName);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder; its data survives a <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync()
    {
        _process?.Dispose();
        _process = await ServerProcess.StartAsync(
            "redis-server",
            "redis-server",
            [
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
                "--appendonly", "yes", "--save", string.Empty, "--daemonize", "no", "--protected-mode", "no",
            ],
            Port,
            "apt-get install redis-server");
    }

    /// <summary>SIGTERM: Redis flushes its append-only file and exits.</summary>
    public Task StopAsync() => _process?.TerminateAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}
