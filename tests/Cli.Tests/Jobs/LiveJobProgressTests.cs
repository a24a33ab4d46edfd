using Spectre.Console.Testing;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Tests.Jobs;

/// <summary>The progress bars <c>job wait</c> draws on a terminal, on Spectre's test console.</summary>
public sealed class LiveJobProgressTests
{
    [Fact]
    public async Task Show_DrawsALineForTheJobAndABarPerOutput_UpToTheEnd()
    {
        using var console = new TestConsole().Interactive().EmitAnsiSequences().Width(120);
        var view = new LiveJobProgress(console);

        int result = await view.RunAsync(() =>
        {
            view.Show(Status("queued", [], eta: null));
            view.Show(Status("running", [("tiles", 12, 234, "metatiles"), ("mbtiles", 0, 1, "files")], eta: "2026-11-30T06:50:12Z"));
            view.Warn("GET http://gw/jobs/j/status.json: HTTP 503 Service Unavailable; asking [again]");
            view.Show(Status("done", [("tiles", 234, 234, "metatiles"), ("mbtiles", 1, 1, "files")], eta: null));
            return Task.FromResult(7);
        });

        Assert.Equal(7, result);
        string output = console.Output;
        Assert.Contains("j running, 3 rendered, ETA 2026-11-30T06:50:12Z", output, StringComparison.Ordinal);
        Assert.Contains("warning:", output, StringComparison.Ordinal);
        Assert.Contains(" GET http://gw/jobs/j/status.json: HTTP 503 Service Unavailable; asking [again]", output, StringComparison.Ordinal);

        // What stays on the screen: the job done and every bar full.
        string last = output[output.LastIndexOf("j done", StringComparison.Ordinal)..];
        Assert.Contains("tiles 234/234 metatiles", last, StringComparison.Ordinal);
        Assert.Contains("mbtiles 1/1 files", last, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(last, "100%"));
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    private static JobStatus Status(string state, (string Output, long Done, long Total, string Unit)[] progress, string? eta) => new()
    {
        Id = "j",
        State = state,
        Renders = 3,
        Eta = eta is null ? null : DateTimeOffset.Parse(eta, System.Globalization.CultureInfo.InvariantCulture),
        Progress = [.. progress.Select(p => new JobProgress { Output = p.Output, Done = p.Done, Total = p.Total, Unit = p.Unit })],
    };
}
