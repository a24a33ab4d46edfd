using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace TileCluster.Tests.Shared;

/// <summary>
/// A server program a test runs on a loopback port (redis-server, memcached, s3rver): started with
/// its output drained, ready once the port takes a connection, stopped by a kill or a SIGTERM.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    /// <summary>
    /// Starts <paramref name="fileName"/> and waits until 127.0.0.1:<paramref name="port"/> accepts a
    /// connection; throws, naming <paramref name="name"/>, when it cannot start, exits first or never listens.
    /// </summary>
    /// <param name="name">The server, as the errors name it.</param>
    /// <param name="fileName">The program to run.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="port">The port it listens on.</param>
    /// <param name="install">How to get the program, for the error when it cannot start.</param>
    public static async Task<ServerProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments, int port, string install)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName} ({install})");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                int exitCode = process.ExitCode;
                process.Dispose();
                throw new InvalidOperationException($"{name} exited with {exitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new ServerProcess(process);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new TimeoutException($"{name} did not listen on {port}");
    }

    /// <summary>Kills the server and what it started, if it still runs: connections to it break at once.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Sends SIGTERM, if it still runs, and waits for the server to shut down in its own way.</summary>
    public async Task TerminateAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await _process.WaitForExitAsync();
        }
    }

    public void Dispose() => _process.Dispose();
}
