using System.CommandLine;
using System.Globalization;
using TileCluster.Cli.Expire;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Replication;

namespace TileCluster.Cli.Commands;

/// <summary>
/// <c>tilecluster replicate</c>: keeps a database up to date from OSM replication diffs with
/// osm2pgsql and delivers each diff's expire list to the gateway.
/// </summary>
public static class ReplicateCommand
{
    private static readonly Option<string> Source = new("--source")
    {
        Description = "Replication URL (e.g. https://planet.osm.org/replication/minute) or a directory laid out the same way",
        HelpName = "URL|DIR",
        Required = true,
    };

    private static readonly Option<string> State = new("--state")
    {
        Description = "The replication state file (state.txt format: sequenceNumber=, timestamp=); replaced atomically after each step",
        HelpName = "FILE",
        Required = true,
    };

    private static readonly Option<string?> StartSequence = new("--start-sequence")
    {
        Description = "Only when --state does not exist yet: the last sequence already applied to the database",
        HelpName = "N",
    };

    private static readonly Option<string?> WorkDir = new("--work-dir")
    {
        Description = "Downloaded diffs and pending expire lists [default: replication-work next to the state file]",
        HelpName = "DIR",
    };

    private static readonly Option<string> Database = new("--database")
    {
        Description = "The osm2pgsql database as an Npgsql connection string (Host=…;Port=…;Username=…;Password=…;Database=…)",
        HelpName = "CONNECTION",
        Required = true,
    };

    private static readonly Option<string> Osm2pgsql = new("--osm2pgsql")
    {
        Description = "The osm2pgsql program",
        HelpName = "PATH",
        DefaultValueFactory = _ => "osm2pgsql",
    };

    private static readonly Option<string> Osm2pgsqlStyle = new("--osm2pgsql-style")
    {
        Description = "The osm2pgsql .style file the database was imported with",
        HelpName = "FILE",
        DefaultValueFactory = _ => "/usr/share/osm2pgsql/default.style",
    };

    private static readonly Option<string> ExpireZooms = new("--expire-zooms")
    {
        Description = "Zooms osm2pgsql writes expired tiles for (--expire-tiles); the default, the deepest zoom only, lets the gateway derive the lower zooms exactly",
        HelpName = "MIN-MAX",
        DefaultValueFactory = _ => "18",
    };

    private static readonly Option<string> Interval = new("--interval")
    {
        Description = "How long to wait before looking again when caught up (500ms, 60s, 5m, …)",
        HelpName = "DURATION",
        DefaultValueFactory = _ => "60s",
    };

    private static readonly Option<string> MaxBackoff = new("--max-backoff")
    {
        Description = "The longest wait between retries (they start at 1s and double)",
        HelpName = "DURATION",
        DefaultValueFactory = _ => "5m",
    };

    private static readonly Option<bool> Once = new("--once")
    {
        Description = "Apply every available diff, deliver its expiries, then exit 0",
    };

    private static readonly Option<string?> MaxSequences = new("--max-sequences")
    {
        Description = "Stop after applying this many sequences",
        HelpName = "N",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(Func<ShutdownSignal> signals)
    {
        var gateway = new GatewayOptions(waitHotByDefault: true);
        var command = new Command("replicate", "Apply OSM replication diffs with osm2pgsql --append and deliver each diff's expired tiles to the gateway");
        foreach (var option in new Option[] { Source, State, StartSequence, WorkDir, Database, Osm2pgsql, Osm2pgsqlStyle, ExpireZooms })
        {
            command.Options.Add(option);
        }

        gateway.AddTo(command);
        foreach (var option in new Option[] { Interval, MaxBackoff, Once, MaxSequences })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, _) =>
        {
            var log = ConsoleLog.Console;
            using var signal = signals();
            var gatewaySettings = gateway.Resolve(parse);
            var (settings, initial, osm2pgsqlSettings, stateLock) = Resolve(parse, gatewaySettings, log);
            using var heldLock = stateLock;
            using var source = ReplicationSource.Open(parse.GetValue(Source)!);
            using var client = new GatewayClient(gatewaySettings.Gateway, gatewaySettings.Token, gatewaySettings.Query.RequestTimeout);
            using var metrics = new ReplicationMetrics(TimeProvider.System);
            var exporter = Telemetry.StartMetrics("tilecluster-replicate", ReplicationMetrics.MeterName, "System.Net.Http");
            try
            {
                log.Info($"replicating from {source.Location} into {osm2pgsqlSettings.Connection.Display}, state {settings.StateFile} at sequence {initial.Sequence}; expiries to {client.Endpoint}");
                var replicator = new Replicator(settings, source, new Osm2pgsqlRunner(osm2pgsqlSettings), client, metrics, log, TimeProvider.System);
                return await replicator.RunAsync(initial, () => signal.ExitCode, signal.Stopping, signal.Kill);
            }
            finally
            {
                Telemetry.Stop(exporter);
            }
        });
        return command;
    }

    /// <summary>Checks every option and reads (or seeds) the state; problems are <see cref="UsageException"/>s.</summary>
    internal static (ReplicatorSettings Settings, ReplicationState Initial, Osm2pgsqlSettings Osm2pgsql, FileStream StateLock) Resolve(ParseResult parse, GatewaySettings gateway, ConsoleLog log)
    {
        // The source is opened (and so checked) by the caller; check it here too so that all configuration errors come before any work.
        using (ReplicationSource.Open(parse.GetValue(Source)!))
        {
        }

        string stateFile = Path.GetFullPath(parse.GetValue(State)!);
        string workDir = Path.GetFullPath(parse.GetValue(WorkDir) ?? Path.Combine(Path.GetDirectoryName(stateFile)!, "replication-work"));
        if (!Osm2pgsqlConnection.TryParse(parse.GetValue(Database)!, out var connection, out string? error))
        {
            throw new UsageException($"--database: {error}");
        }

        string osm2pgsql = Osm2pgsqlRunner.Resolve(parse.GetValue(Osm2pgsql)!)
            ?? throw new UsageException($"--osm2pgsql '{parse.GetValue(Osm2pgsql)}' was not found{(parse.GetValue(Osm2pgsql)!.Contains('/', StringComparison.Ordinal) ? string.Empty : " on PATH")}");
        string style = parse.GetValue(Osm2pgsqlStyle)!;
        if (!File.Exists(style))
        {
            throw new UsageException($"--osm2pgsql-style '{style}' does not exist");
        }

        if (!ZoomRange.TryParse(parse.GetValue(ExpireZooms)!, out var zooms, out error))
        {
            throw new UsageException($"--expire-zooms {error}");
        }

        var interval = ParseDuration(Interval, parse);
        var maxBackoff = ParseDuration(MaxBackoff, parse);
        int? maxSequences = null;
        if (parse.GetValue(MaxSequences) is { } maxText)
        {
            maxSequences = int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out int max) && max >= 1
                ? max
                : throw new UsageException($"--max-sequences '{maxText}' is not a whole number of at least 1");
        }

        long? startSequence = null;
        if (parse.GetValue(StartSequence) is { } startText)
        {
            startSequence = long.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out long start) && start <= SequencePath.MaxSequence
                ? start
                : throw new UsageException($"--start-sequence '{startText}' is not a sequence number (a whole number 0..{SequencePath.MaxSequence})");
        }

        if (!File.Exists(stateFile) && startSequence is null)
        {
            throw MissingState(stateFile);
        }

        try
        {
            Directory.CreateDirectory(workDir);
            Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--work-dir '{workDir}' or the folder of --state cannot be created: {e.Message}");
        }

        // Lock before reading or seeding the state, so that two replicators never both start.
        var stateLock = LockState(stateFile);
        try
        {
            var initial = ReadOrSeedState(stateFile, startSequence, log);
            var settings = new ReplicatorSettings(stateFile, workDir, gateway.Query, gateway.ChunkLines, interval, maxBackoff, parse.GetValue(Once), maxSequences);
            return (settings, initial, new Osm2pgsqlSettings(osm2pgsql, Path.GetFullPath(style), zooms, connection!), stateLock);
        }
        catch
        {
            stateLock.Dispose();
            throw;
        }
    }

    private static ReplicationState ReadOrSeedState(string stateFile, long? startSequence, ConsoleLog log)
    {
        if (File.Exists(stateFile))
        {
            if (startSequence is not null)
            {
                log.Info($"{stateFile} exists; --start-sequence {startSequence} is ignored");
            }

            try
            {
                return ReplicationState.Read(stateFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new UsageException(e is InvalidDataException ? $"--state {e.Message}" : $"--state {stateFile} cannot be read: {e.Message}");
            }
        }

        if (startSequence is not { } sequence)
        {
            throw MissingState(stateFile);
        }

        var state = new ReplicationState(sequence, null);
        try
        {
            state.Write(stateFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--state {stateFile} cannot be written: {e.Message}");
        }

        log.Info($"started {stateFile} at sequence {sequence} (--start-sequence)");
        return state;
    }

    private static UsageException MissingState(string stateFile) =>
        new($"--state {stateFile} does not exist: give --start-sequence N, the last sequence already applied to the database (for a fresh import, the sequence just before the extract's time)");

    // One replicator per state file: a second would apply the same diffs twice.
    private static FileStream LockState(string stateFile)
    {
        try
        {
            return new FileStream(stateFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new UsageException($"--state {stateFile} is in use by another tilecluster replicate (it holds {stateFile}.lock)", e);
        }
    }

    private static TimeSpan ParseDuration(Option<string> option, ParseResult parse) =>
        Durations.TryParse(parse.GetValue(option)!, out var duration, out string? error)
            ? duration
            : throw new UsageException($"{option.Name} {error}");
}
