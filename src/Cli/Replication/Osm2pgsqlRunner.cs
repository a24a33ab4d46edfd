using System.ComponentModel;
using System.Diagnostics;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Replication;

/// <summary>How to run osm2pgsql for a diff.</summary>
/// <param name="Executable">The osm2pgsql program (a path, or a name looked up on PATH).</param>
/// <param name="Style">The .style file the database was imported with.</param>
/// <param name="ExpireZooms">Zooms for <c>--expire-tiles</c>.</param>
/// <param name="Connection">The database.</param>
public sealed record Osm2pgsqlSettings(string Executable, string Style, ZoomRange ExpireZooms, Osm2pgsqlConnection Connection);

/// <summary>The end of one osm2pgsql run.</summary>
/// <param name="ExitCode">Its exit code; -1 when it could not be started.</param>
/// <param name="OutputTail">The last lines it printed (osm2pgsql logs to stderr).</param>
/// <param name="Duration">How long it ran.</param>
public sealed record Osm2pgsqlRun(int ExitCode, IReadOnlyList<string> OutputTail, TimeSpan Duration)
{
    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs <c>osm2pgsql --append</c> for one diff with expiry output.</summary>
public sealed class Osm2pgsqlRunner(Osm2pgsqlSettings settings)
{
    private const int TailLines = 20;

    /// <summary>The full argument list for a diff.</summary>
    public static IReadOnlyList<string> BuildArguments(Osm2pgsqlSettings settings, string diff, string expireOutput) =>
    [
        "--append", "--slim",
        "--style", settings.Style,
        $"--expire-tiles={settings.ExpireZooms}",
        $"--expire-output={expireOutput}",
        "--number-processes", "1",
        .. settings.Connection.Arguments,
        diff,
    ];

    /// <summary>
    /// Finds <paramref name="executable"/>: a path must exist; a bare name is looked up on PATH.
    /// Returns null when it is not found.
    /// </summary>
    public static string? Resolve(string executable)
    {
        if (executable.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(executable) ? Path.GetFullPath(executable) : null;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Applies <paramref name="diff"/>. osm2pgsql 1.8 appends to an existing expire output, so a
    /// stale <paramref name="expireOutput"/> is deleted first. <paramref name="kill"/> kills the
    /// process (and throws); nothing else interrupts a run.
    /// </summary>
    public async Task<Osm2pgsqlRun> RunAsync(string diff, string expireOutput, CancellationToken kill)
    {
        File.Delete(expireOutput);
        var start = new ProcessStartInfo(settings.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (string argument in BuildArguments(settings, diff, expireOutput))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings.Connection.Environment)
        {
            start.Environment[key] = value;
        }

        var tail = new Queue<string>();
        void Keep(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            lock (tail)
            {
                // Progress lines are rewritten with '\r'; keep what is after the last one.
                int cr = line.LastIndexOf('\r');
                tail.Enqueue(cr >= 0 ? line[(cr + 1)..] : line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }
        }

        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new Osm2pgsqlRun(-1, [$"cannot start {settings.Executable}: {e.Message}"], watch.Elapsed);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(kill);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        lock (tail)
        {
            return new Osm2pgsqlRun(process.ExitCode, [.. tail], watch.Elapsed);
        }
    }

    /// <summary>The command line for logs (the password is never on it).</summary>
    public string Describe(string diff, string expireOutput) =>
        settings.Executable + " " + string.Join(' ', BuildArguments(settings, diff, expireOutput));
}

/// <summary>Stops the replicator with an exit code (a wrong token, a gateway URL that is not one).</summary>
public sealed class ReplicationStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplicationStoppedException(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    /// <summary>Creates the exception.</summary>
    public ReplicationStoppedException()
        : this(ExitCodes.Failure, "replication stopped")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplicationStoppedException(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplicationStoppedException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failure;

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }
}
