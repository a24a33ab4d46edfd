using TileCluster.Cli.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Cli.Tests.Commands;

/// <summary>Configuration errors of <c>tilecluster replicate</c>: one clear line on stderr, exit 2, nothing done.</summary>
public sealed class ReplicateConfigurationTests : IDisposable
{
    private readonly ReplicationDirectory _dir = ReplicationDirectory.Create(ReplicationDirectory.FirstSequence);

    public static TheoryData<string, string, string> Cases => new()
    {
        { "--source", "ftp://planet.osm.org/replication/minute", "--source 'ftp://planet.osm.org/replication/minute': the scheme 'ftp' is not supported" },
        { "--source", "/nonexistent/replication", "--source directory '/nonexistent/replication' does not exist" },
        { "--source", "{root}", "--source directory '{root}' has no state.txt" },
        { "--expire-zooms", "18-10", "--expire-zooms '18-10' is not a zoom range: 18 is above 10" },
        { "--expire-zooms", "10-30", "--expire-zooms '10-30' is not a zoom range" },
        { "--database", "Host=127.0.0.1;Username=postgres", "--database: the connection string names no Database" },
        { "--osm2pgsql", "/nonexistent/osm2pgsql", "--osm2pgsql '/nonexistent/osm2pgsql' was not found" },
        { "--osm2pgsql-style", "/nonexistent/default.style", "--osm2pgsql-style '/nonexistent/default.style' does not exist" },
        { "--interval", "0s", "--interval '0s' is outside the accepted range" },
        { "--max-backoff", "soon", "--max-backoff 'soon' is not a duration" },
        { "--max-sequences", "0", "--max-sequences '0' is not a whole number of at least 1" },
        { "--start-sequence", "1234567890", "--start-sequence '1234567890' is not a sequence number" },
        { "--gateway", "not a url", "--gateway 'not a url' is not an http:// or https:// URL" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_bad_setting_is_named_on_one_line(string option, string value, string message)
    {
        value = value.Replace("{root}", _dir.Root, StringComparison.Ordinal);
        message = message.Replace("{root}", _dir.Root, StringComparison.Ordinal);
        var args = BaseArguments(startSequence: "466353");
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        await using var run = await CliProcess.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(_dir.StateFile), "a configuration error must leave no state behind");
    }

    [Fact]
    public async Task Without_a_state_file_a_start_sequence_is_required()
    {
        await using var run = await CliProcess.RunAsync(BaseArguments(startSequence: null));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --state {_dir.StateFile} does not exist: give --start-sequence N, the last sequence already applied to the database (for a fresh import, the sequence just before the extract's time)\n", run.Stderr);
    }

    [Fact]
    public async Task A_malformed_state_file_is_named_with_its_line()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_dir.StateFile)!);
        File.WriteAllText(_dir.StateFile, "#state\nsequenceNumber=46635four\n");

        await using var run = await CliProcess.RunAsync(BaseArguments(startSequence: null));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --state {_dir.StateFile}: line 2: sequenceNumber '46635four' is not a whole number\n", run.Stderr);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        await using var run = await CliProcess.RunAsync(["replicate", "--state", _dir.StateFile]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--source", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--database", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("see 'tilecluster replicate --help'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_replicator_on_the_same_state_is_refused()
    {
        File.Delete(_dir.ChangeFile(ReplicationDirectory.FirstSequence));
        var args = BaseArguments(startSequence: "466353");
        args.AddRange(["--max-backoff", "1s"]);
        await using var first = CliProcess.Start(args);
        await first.WaitForOutputAsync("downloading sequence 466354 failed", TimeSpan.FromSeconds(60));

        await using var second = await CliProcess.RunAsync(args);

        Assert.Equal(2, second.ExitCode);
        Assert.Equal($"error: --state {_dir.StateFile} is in use by another tilecluster replicate (it holds {_dir.StateFile}.lock)\n", second.Stderr);
        Assert.False(first.HasExited, first.Output);
        first.Terminate();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(143, first.ExitCode);
        Assert.Contains("sequenceNumber=466353\n", _dir.ReadStateText(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private List<string> BaseArguments(string? startSequence)
    {
        var args = new List<string>
        {
            "replicate", "--source", _dir.Source, "--state", _dir.StateFile, "--work-dir", _dir.WorkDir,
            "--database", "Host=127.0.0.1;Port=1;Username=postgres;Database=unused", "--gateway", "http://127.0.0.1:1", "--once",
        };
        if (startSequence is not null)
        {
            args.AddRange(["--start-sequence", startSequence]);
        }

        return args;
    }
}
