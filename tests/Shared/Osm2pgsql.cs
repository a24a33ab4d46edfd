using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace TileCluster.Tests.Shared;

/// <summary>Runs the real osm2pgsql against a (scratch) database, as the set-up and the replicator do.</summary>
internal static class Osm2pgsql
{
    public const string Style = "/usr/share/osm2pgsql/default.style";

    /// <summary>
    /// <c>osm2pgsql --slim --create -S default.style</c> of the sample extract, as scripts/lib.sh
    /// imports it, with one process (tests run side by side). The database needs PostGIS.
    /// </summary>
    public static Task ImportSampleAsync(string connectionString, CancellationToken cancellationToken = default) =>
        RunAsync(connectionString, cancellationToken,
            "--slim", "--create", "-S", Style, "--number-processes", "1", RepositoryPaths.SamplePbf);

    /// <summary>
    /// <c>osm2pgsql --append --slim -S default.style -e MINZOOM-MAXZOOM -o LIST CHANGEFILE</c>;
    /// returns the expire list's bytes. Throws with osm2pgsql's output when it fails.
    /// </summary>
    public static async Task<byte[]> AppendAsync(string connectionString, string changeFile, int minZoom = 10, int maxZoom = 18, CancellationToken cancellationToken = default)
    {
        string expireFile = Path.Combine(Path.GetTempPath(), $"tilecluster-expire-{Guid.NewGuid():N}.list");
        try
        {
            await RunAsync(connectionString, cancellationToken,
                "--append", "--slim", "-S", Style,
                "-e", string.Create(CultureInfo.InvariantCulture, $"{minZoom}-{maxZoom}"), "-o", expireFile, changeFile);
            // osm2pgsql writes no file when nothing expired.
            return File.Exists(expireFile) ? await File.ReadAllBytesAsync(expireFile, cancellationToken) : [];
        }
        finally
        {
            File.Delete(expireFile);
        }
    }

    private static async Task RunAsync(string connectionString, CancellationToken cancellationToken, params string[] args)
    {
        var db = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("osm2pgsql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in (string[])[
            "-H", db.Host ?? "127.0.0.1", "-P", db.Port.ToString(CultureInfo.InvariantCulture),
            "-U", db.Username ?? "postgres", "-d", db.Database ?? throw new ArgumentException("no Database in the connection string"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        if (!string.IsNullOrEmpty(db.Password))
        {
            start.Environment["PGPASSWORD"] = db.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start osm2pgsql");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"osm2pgsql {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
