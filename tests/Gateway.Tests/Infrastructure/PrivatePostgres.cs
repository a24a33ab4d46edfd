using System.Diagnostics;
using System.Globalization;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL of the test's own, with the sample imported by osm2pgsql, that the test may stop
/// and start (the shared test database must stay up for everyone else).
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private readonly int _port;

    private PrivatePostgres(string dir, int port)
    {
        _dir = dir;
        _port = port;
    }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={_port};Username=postgres;Database=osm;Timeout=3");

    public static async Task<PrivatePostgres> StartAsync()
    {
        string dir = Directory.CreateTempSubdirectory("tilecluster-pg-").FullName;
        var pg = new PrivatePostgres(dir, Loopback.FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", dir);
        }

        await pg.AsOwnerAsync($"{Bin}/initdb", "-D", $"{dir}/data", "-A", "trust", "-U", "postgres");
        await pg.StartAgainAsync();
        await RunAsync("psql", "-h", "127.0.0.1", "-p", pg._port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-c", "CREATE DATABASE osm");
        await RunAsync("psql", "-h", "127.0.0.1", "-p", pg._port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "osm", "-c", "CREATE EXTENSION postgis");
        await Osm2pgsql.ImportSampleAsync(pg.ConnectionString);
        return pg;
    }

    public Task StopAsync() => AsOwnerAsync($"{Bin}/pg_ctl", "-D", $"{_dir}/data", "-m", "fast", "-w", "stop");

    public Task StartAgainAsync() => AsOwnerAsync(
        $"{Bin}/pg_ctl", "-D", $"{_dir}/data", "-l", $"{_dir}/log", "-w", "-o",
        string.Create(CultureInfo.InvariantCulture, $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off"), "start");

    // initdb and pg_ctl refuse to run as root.
    private Task AsOwnerAsync(string program, params string[] args) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_dir, recursive: true);
    }
}
