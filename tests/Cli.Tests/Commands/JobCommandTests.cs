using TileCluster.Cli.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Cli.Tests.Commands;

/// <summary>
/// <c>tilecluster job …</c> and <c>seed</c> as a user runs them, where no jobs API is needed:
/// option mistakes, ids that are not ids, a missing token, a gateway that is not there. (Jobs run
/// by a real cluster are in Gateway.Tests.)
/// </summary>
public sealed class JobCommandTests
{
    private const string Vaduz = "9.515,47.135,9.530,47.145";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("job submit --token t --zoom 12-13 --kind seed", "--bbox W,S,E,N is required")]
    [InlineData($"job submit --token t --bbox {Vaduz} --kind seed", "--zoom is required")]
    [InlineData($"job submit --token t --bbox {Vaduz} --zoom 13-12 --kind seed", "--zoom '13-12' is not a zoom range: 13 is above 12")]
    [InlineData($"job submit --token t --bbox {Vaduz} --zoom 12-13", "--kind is required")]
    [InlineData($"job submit --token t --bbox {Vaduz} --zoom 12-13 --kind seed --output mbtiles", "--output is for --kind export")]
    [InlineData($"job submit --token t --bbox {Vaduz} --zoom 12-13 --kind export", "--kind export needs at least one --output")]
    [InlineData($"job submit --token t --bbox {Vaduz} --zoom 12-13 --kind export --output webp", "--output 'webp' is not one of")]
    [InlineData($"job submit --bbox {Vaduz} --zoom 12-13 --kind seed", "no admin token: use --token or TILECLUSTER_ADMIN_TOKEN")]
    [InlineData($"job submit --token t --bbox {Vaduz} --zoom 12-13 --kind seed --wait --interval soon", "--interval 'soon' is not a duration")]
    [InlineData($"seed --bbox {Vaduz} --zoom 12-13", "no admin token: use --token or TILECLUSTER_ADMIN_TOKEN")]
    [InlineData("seed --token t --bbox 9.5,47.1,9.6,90 --zoom 12-13", "--bbox '9.5,47.1,9.6,90': latitudes must be within")]
    [InlineData("job status ../../etc/passwd", "'../../etc/passwd' is not a job id")]
    [InlineData("job status 20261130-064512-3F9A1C", "'20261130-064512-3F9A1C' is not a job id")]
    [InlineData("job wait %2e%2e", "'%2e%2e' is not a job id")]
    [InlineData("job cancel --token t a.b", "'a.b' is not a job id")]
    [InlineData("job cancel 20261130-064512-3f9a1c", "no admin token")]
    [InlineData("job list --limit 0", "--limit '0' is not a whole number within 1..1000")]
    public async Task BadInput_OneLineNamingTheProblem_Exit2_NothingSent(string command, string message)
    {
        using var gateway = new ConnectionCounter();

        await using var run = await CliProcess.RunAsync([.. command.Split(' '), "--gateway", gateway.Url]);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.StartsWith($"error: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, gateway.Connections);
    }

    [Fact]
    public async Task Seed_HasNoKindOrOutputOptions()
    {
        await using var run = await CliProcess.RunAsync(["seed", "--token", "t", "--bbox", Vaduz, "--zoom", "12", "--output", "tms"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--output", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("see 'tilecluster seed --help'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_TokenFromTheEnvironment_UnreachableGateway_Exit1()
    {
        int port = Loopback.FreePort();

        await using var run = await CliProcess.RunAsync(
            ["job", "submit", "--gateway", $"http://127.0.0.1:{port}", "--bbox", Vaduz, "--zoom", "12-13", "--kind", "seed"],
            environment: new Dictionary<string, string?> { ["TILECLUSTER_ADMIN_TOKEN"] = "from-the-environment" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: POST http://127.0.0.1:{port}/jobs: cannot reach the gateway at http://127.0.0.1:{port}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnreachableGateway_Exit1()
    {
        int port = Loopback.FreePort();

        await using var run = await CliProcess.RunAsync(["job", "list", "--gateway", $"http://127.0.0.1:{port}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach the gateway at http://127.0.0.1:{port}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_GatewayAway_KeepsAsking_WarnsOnce_StopsCleanlyOnSigterm()
    {
        int port = Loopback.FreePort();

        // Output redirected, as here: plain time-stamped lines, no progress bars or escape codes.
        await using var run = CliProcess.Start(["job", "wait", "20261130-064512-3f9a1c", "--gateway", $"http://127.0.0.1:{port}", "--interval", "100ms"]);
        await run.WaitForOutputAsync("asking again", Patience);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        run.Terminate();
        await run.WaitForExitAsync(Patience);

        Assert.True(run.ExitCode == 143, run.Output);
        Assert.Equal(1, CliProcess.Occurrences(run.Stderr, "asking again"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ warning: GET http://127\.0\.0\.1:\d+/jobs/20261130-064512-3f9a1c/status\.json: cannot reach the gateway", run.Stderr);
        Assert.Contains("stopped waiting; job 20261130-064512-3f9a1c goes on in the cluster ('tilecluster job cancel 20261130-064512-3f9a1c' stops it)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
