using System.Globalization;

namespace TileCluster.Tests.Shared;

/// <summary>
/// A real <c>memcached</c> (Debian's) on a free loopback port, for a cache tier. Tests stop and
/// start it to see the tier's clients ride out an outage.
/// </summary>
internal sealed class MemcachedServer : IAsyncDisposable
{
    private ServerProcess? _process;

    private MemcachedServer(int port, int megabytes) => (Port, Megabytes) = (port, megabytes);

    public int Port { get; }

    /// <summary>memcached's memory limit (<c>-m</c>).</summary>
    public int Megabytes { get; }

    /// <summary>The tier's <c>Connection</c>: <c>127.0.0.1:port</c>.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public static async Task<MemcachedServer> StartAsync(int megabytes = 64)
    {
        var server = new MemcachedServer(Loopback.FreePort(), megabytes);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port, empty: memcached keeps nothing across restarts.</summary>
    public async Task RestartAsync()
    {
        _process?.Dispose();
        _process = await ServerProcess.StartAsync(
            "memcached",
            "memcached",
            ["-p", Port.ToString(CultureInfo.InvariantCulture), "-l", "127.0.0.1", "-U", "0", "-m", Megabytes.ToString(CultureInfo.InvariantCulture), "-u", "nobody"],
            Port,
            "apt-get install memcached");
    }

    /// <summary>Kills the server: its tiles are gone and connections to it break.</summary>
    public Task StopAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }
}
