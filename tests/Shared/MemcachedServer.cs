using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace TileCluster.Tests.Shared;

/// <summary>
/// A real <c>memcached</c> (Debian's) on a free loopback port, for a cache tier. Tests stop and
/// start it to see the tier's clients ride out an outage.
/// </summary>
internal sealed class MemcachedServer : IAsyncDisposable
{
    private Process? _process;

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
        var start = new ProcessStartInfo("memcached")
        {
            ArgumentList = { "-p", Port.ToString(CultureInfo.InvariantCulture), "-l", "127.0.0.1", "-U", "0", "-m", Megabytes.ToString(CultureInfo.InvariantCulture), "-u", "nobody" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start memcached (apt-get install memcached)");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"memcached exited with {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"memcached did not listen on {Port}");
    }

    /// <summary>Kills the server: its tiles are gone and connections to it break.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }
}
