using System.Text.Json;
using System.Text.RegularExpressions;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Export;

/// <summary>
/// <c>tilecluster seed</c> and <c>tilecluster job …</c> against a real cluster's jobs API: a
/// small seed job runs to the end with plain progress lines (the output is redirected here), the
/// exit codes follow the job's end, and the gateway's refusals reach the user.
/// </summary>
public sealed partial class JobCommandsTests(ExportClientsFixture fixture) : IClassFixture<ExportClientsFixture>
{
    private const string Vaduz = "9.515,47.135,9.530,47.145";
    private const string Liechtenstein = "9.47,47.04,9.64,47.28";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Seed_VaduzZ12To13_PlainProgressLines_EndsDone_Exit0()
    {
        await using var run = await CliProcess.RunAsync(Args("seed", "--bbox", Vaduz, "--zoom", "12-13", "--name", "cli seed", "--interval", "200ms"), Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        string id = SubmittedId(run.Stdout);
        int metatiles = Metatiles(9.515, 47.135, 9.530, 47.145, 12, 13);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var progress = lines.Where(l => ProgressLine().IsMatch(l)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Contains($" {id} ", l, StringComparison.Ordinal));
        Assert.Contains($" {id} done tiles {metatiles}/{metatiles} metatiles (100%)", progress[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"job {id} done", StringComparison.Ordinal) && l.Contains($": {metatiles} metatiles, ", StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b[", run.Stdout, StringComparison.Ordinal);

        // The job is in the list and its status reads back as done, with the spec as submitted.
        await using var list = await CliProcess.RunAsync(Args("job", "list"), Patience);
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Matches($@"(?m)^{id}\s+done\s+seed\s+12-13\s+tiles {metatiles}/{metatiles}\s+\d+\s+\S+\s+cli seed$", list.Stdout);
        await using var status = await CliProcess.RunAsync(Args("job", "status", id, "--json"), Patience);
        Assert.True(status.ExitCode == 0, status.Output);
        using var document = JsonDocument.Parse(status.Stdout);
        Assert.Equal("done", document.RootElement.GetProperty("state").GetString());
        Assert.Equal("12-13", document.RootElement.GetProperty("spec").GetProperty("zoom").GetString());
    }

    [Fact]
    public async Task Submit_ExportWait_ListsTheOutputs_WhichAreThere()
    {
        await using var run = await CliProcess.RunAsync(
            Args("job", "submit", "--bbox", Vaduz, "--zoom", "12-14", "--kind", "export", "--output", "tms", "--output", "mbtiles", "--name", "cli export", "--wait", "--interval", "200ms"), Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        string id = SubmittedId(run.Stdout);
        string gateway = fixture.Cluster.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains($"  tms {gateway}/jobs/{id}/tms/{{z}}/{{x}}/{{y}}.png", run.Stdout, StringComparison.Ordinal);
        var mbtiles = Regex.Match(run.Stdout, $@"  mbtiles ({Regex.Escape(gateway)}/jobs/{id}/files/\S+\.mbtiles) \((\d+) bytes\)");
        Assert.True(mbtiles.Success, run.Stdout);

        // The link works, and is the file it says: an SQLite database of that size.
        byte[] file = await fixture.Client.GetByteArrayAsync(new Uri(mbtiles.Groups[1].Value), TestContext.Current.CancellationToken);
        Assert.Equal(long.Parse(mbtiles.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), file.Length);
        Assert.Equal("SQLite format 3\0"u8.ToArray(), file[..16]);
    }

    [Fact]
    public async Task Submit_ThenCancel_WaitExits6()
    {
        await using var submit = await CliProcess.RunAsync(Args("job", "submit", "--bbox", Liechtenstein, "--zoom", "12-17", "--kind", "seed", "--name", "to cancel"), Patience);
        Assert.True(submit.ExitCode == 0, submit.Output);
        string id = SubmittedId(submit.Stdout);

        await using var cancel = await CliProcess.RunAsync(Args("job", "cancel", id), Patience);
        Assert.True(cancel.ExitCode == 0, cancel.Output);
        Assert.Contains($"job {id}", cancel.Stdout, StringComparison.Ordinal);

        await using var wait = await CliProcess.RunAsync(Args("job", "wait", id, "--interval", "200ms"), Patience);
        Assert.True(wait.ExitCode == 6, wait.Output);
        Assert.Contains($"job {id} cancelled", wait.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ZoomBeyondTheStyle_Exit2_WithTheGatewaysReason()
    {
        await using var run = await CliProcess.RunAsync(Args("job", "submit", "--bbox", Vaduz, "--zoom", "18-20", "--kind", "seed"), Patience);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HTTP 400", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("zoom", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WrongToken_Exit4()
    {
        await using var run = await CliProcess.RunAsync(
            ["job", "submit", "--gateway", fixture.Cluster.BaseAddress.ToString(), "--token", "not-the-token", "--bbox", Vaduz, "--zoom", "12", "--kind", "seed"], Patience);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("HTTP 401", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("the admin token was refused", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownJob_Exit2_404()
    {
        await using var run = await CliProcess.RunAsync(Args("job", "status", "20000101-000000-000000"), Patience);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HTTP 404", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Metatiles (8 × 8 tiles) covering the box at each zoom, worked out here from the slippy-map formulas.</summary>
    internal static int Metatiles(double west, double south, double east, double north, int minZoom, int maxZoom)
    {
        int count = 0;
        for (int z = minZoom; z <= maxZoom; z++)
        {
            double n = Math.Pow(2, z);
            int x0 = (int)Math.Floor((west + 180) / 360 * n), x1 = (int)Math.Floor((east + 180) / 360 * n);
            int y0 = TileY(north, n), y1 = TileY(south, n);
            count += ((x1 / 8) - (x0 / 8) + 1) * ((y1 / 8) - (y0 / 8) + 1);
        }

        return count;

        static int TileY(double lat, double n) =>
            (int)Math.Floor((1 - (Math.Log(Math.Tan(lat * Math.PI / 180) + (1 / Math.Cos(lat * Math.PI / 180))) / Math.PI)) / 2 * n);
    }

    private static string SubmittedId(string stdout) =>
        Regex.Match(stdout, @"submitted job ([a-z0-9-]+) \(").Groups[1].Value is { Length: > 0 } id ? id : throw new Xunit.Sdk.XunitException($"no job id in:\n{stdout}");

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \S+ (queued|running|done) ")]
    private static partial Regex ProgressLine();

    private string[] Args(params string[] rest) => [.. rest, "--gateway", fixture.Cluster.BaseAddress.ToString(), "--token", ExportClientsFixture.Token];
}
