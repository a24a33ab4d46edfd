using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Tests.Jobs;

/// <summary>The progress lines <c>job wait</c> writes to a log or a pipe.</summary>
public sealed class PlainJobProgressTests
{
    [Fact]
    public void Show_WritesAStampedLineOnlyWhenSomethingChanged()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var view = new PlainJobProgress(new ConsoleLog(output, error, new FixedTime(new DateTimeOffset(2026, 11, 30, 6, 45, 14, TimeSpan.Zero))));

        view.Show(Status("queued", 0, 4, 0, eta: null));
        view.Show(Status("queued", 0, 4, 0, eta: null));
        view.Show(Status("running", 1, 4, 1, eta: "2026-11-30T06:46:00Z"));
        view.Show(Status("running", 1, 4, 1, eta: "2026-11-30T06:46:30Z"));
        view.Show(Status("running", 4, 4, 3, eta: "2026-11-30T06:46:30Z"));
        view.Show(Status("done", 4, 4, 3, eta: null));
        view.Warn("GET http://gw/jobs/j/status.json: HTTP 503 Service Unavailable; asking again");

        Assert.Equal(
            """
            2026-11-30T06:45:14Z j queued tiles 0/4 metatiles (0%) renders=0
            2026-11-30T06:45:14Z j running tiles 1/4 metatiles (25%) renders=1 eta=2026-11-30T06:46:00Z
            2026-11-30T06:45:14Z j running tiles 4/4 metatiles (100%) renders=3 eta=2026-11-30T06:46:30Z
            2026-11-30T06:45:14Z j done tiles 4/4 metatiles (100%) renders=3

            """.ReplaceLineEndings("\n"),
            output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("2026-11-30T06:45:14Z warning: GET http://gw/jobs/j/status.json: HTTP 503 Service Unavailable; asking again\n", error.ToString().ReplaceLineEndings("\n"));
    }

    private static JobStatus Status(string state, long done, long total, long renders, string? eta) => JobTextTests.Parse($$"""
        {"id":"j","state":"{{state}}","renders":{{renders}},"eta":{{(eta is null ? "null" : $"\"{eta}\"")}},
         "progress":[{"output":"tiles","done":{{done}},"total":{{total}},"unit":"metatiles"}]}
        """);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
