using System.Text.Json;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Tests.Jobs;

/// <summary>Status documents of the jobs contract, read and shown as text.</summary>
public sealed class JobTextTests
{
    private static readonly Uri Gateway = new("http://127.0.0.1:8080/");

    // The contract's example, as the gateway sends it (with a field the CLI does not know).
    private const string Running = """
        { "id": "20261130-064512-3f9a1c", "name": "Vaduz",
          "spec": { "style": "osm", "bbox": [9.47, 47.04, 9.64, 47.28], "zoom": "12-17", "kind": "export", "outputs": ["tms", "mbtiles", "png"], "name": "Vaduz" },
          "state": "running",
          "progress": [ {"output": "tiles", "done": 12, "total": 234, "unit": "metatiles"},
                        {"output": "mbtiles", "done": 0, "total": 1, "unit": "files"} ],
          "renders": 10,
          "created": "2026-11-30T06:45:12Z", "started": "2026-11-30T06:45:13Z", "updated": "2026-11-30T06:45:20Z", "finished": null, "eta": "2026-11-30T06:50:12Z",
          "outputs": [ {"kind": "tms", "url": "/jobs/20261130-064512-3f9a1c/tms/{z}/{x}/{y}.png"},
                       {"kind": "mbtiles", "url": "/jobs/20261130-064512-3f9a1c/files/osm-12-17.mbtiles", "bytes": 123456},
                       {"kind": "png", "zoom": 12, "url": "/jobs/20261130-064512-3f9a1c/files/osm-z12.png", "bytes": 9876} ],
          "errors": [],
          "statusUrl": "/jobs/20261130-064512-3f9a1c/status.json",
          "somethingNew": {"a": 1} }
        """;

    private const string Failed = """
        { "id": "20261130-070000-aaaaaa", "name": null,
          "spec": { "style": "osm", "bbox": "9.5,47.1,9.6,47.2", "zoom": "14", "kind": "seed" },
          "state": "failed",
          "progress": [ {"output": "tiles", "done": 3, "total": 4, "unit": "metatiles"} ],
          "renders": 1,
          "created": "2026-11-30T07:00:00Z", "started": "2026-11-30T07:00:01Z", "updated": "2026-11-30T07:01:06Z", "finished": "2026-11-30T07:01:06Z", "eta": null,
          "outputs": [],
          "errors": ["metatile 14/8624/5752: the database is unavailable"],
          "statusUrl": "/jobs/20261130-070000-aaaaaa/status.json" }
        """;

    [Fact]
    public void Parse_ContractExample_ReadsEveryField()
    {
        var job = Parse(Running);
        Assert.Equal("20261130-064512-3f9a1c", job.Id);
        Assert.Equal("Vaduz", job.Name);
        Assert.Equal("running", job.State);
        Assert.False(job.IsFinal);
        Assert.Equal("9.47,47.04,9.64,47.28", job.Spec!.BboxText);
        Assert.Equal("12-17", job.Spec.ZoomText);
        Assert.Equal(["tms", "mbtiles", "png"], job.Spec.Outputs);
        Assert.Equal(2, job.Progress.Count);
        Assert.Equal(234, job.Progress[0].Total);
        Assert.Equal(10, job.Renders);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 6, 50, 12, TimeSpan.Zero), job.Eta);
        Assert.Null(job.Finished);
        Assert.Equal(12, job.Outputs[2].Zoom);
        Assert.Equal(123456, job.Outputs[1].Bytes);
    }

    [Fact]
    public void Line_Running_HasEveryProgressAndTheEta() =>
        Assert.Equal(
            "20261130-064512-3f9a1c running tiles 12/234 metatiles (5%), mbtiles 0/1 files (0%) renders=10 eta=2026-11-30T06:50:12Z",
            JobText.Line(Parse(Running)));

    [Fact]
    public void Line_Failed_HasNoEta() =>
        Assert.Equal("20261130-070000-aaaaaa failed tiles 3/4 metatiles (75%) renders=1", JobText.Line(Parse(Failed)));

    [Theory]
    [InlineData(0, 234, 0)]
    [InlineData(233, 234, 99)]
    [InlineData(234, 234, 100)]
    [InlineData(0, 0, 100)]
    [InlineData(5, 3, 100)]
    public void Percent_RoundsDown_AndIs100OnlyWhenAllIsDone(long done, long total, long percent) =>
        Assert.Equal(percent, JobText.Percent(new JobProgress { Output = "tiles", Done = done, Total = total, Unit = "metatiles" }));

    [Fact]
    public void Details_ShowsSpecProgressTimesAbsoluteOutputsAndStatus()
    {
        var lines = JobText.Details(Parse(Running), Gateway).ToList();
        Assert.Equal(
        [
            "job 20261130-064512-3f9a1c \"Vaduz\"",
            "  state     running",
            "  spec      export osm bbox 9.47,47.04,9.64,47.28 zoom 12-17 outputs tms,mbtiles,png",
            "  progress  tiles 12/234 metatiles (5%)",
            "            mbtiles 0/1 files (0%)",
            "  renders   10",
            "  created   2026-11-30T06:45:12Z  started 2026-11-30T06:45:13Z  updated 2026-11-30T06:45:20Z  finished -",
            "  eta       2026-11-30T06:50:12Z",
            "  outputs   tms http://127.0.0.1:8080/jobs/20261130-064512-3f9a1c/tms/{z}/{x}/{y}.png",
            "            mbtiles http://127.0.0.1:8080/jobs/20261130-064512-3f9a1c/files/osm-12-17.mbtiles (123456 bytes)",
            "            png z12 http://127.0.0.1:8080/jobs/20261130-064512-3f9a1c/files/osm-z12.png (9876 bytes)",
            "  status    http://127.0.0.1:8080/jobs/20261130-064512-3f9a1c/status.json",
        ], lines);
    }

    [Fact]
    public void Details_BboxAsAString_AndErrors()
    {
        var lines = JobText.Details(Parse(Failed), new Uri("http://gw.example/tiles/")).ToList();
        Assert.Contains("  spec      seed osm bbox 9.5,47.1,9.6,47.2 zoom 14", lines);
        Assert.Contains("  errors    metatile 14/8624/5752: the database is unavailable", lines);
        Assert.Contains("  status    http://gw.example/tiles/jobs/20261130-070000-aaaaaa/status.json", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("  eta", StringComparison.Ordinal));
    }

    [Fact]
    public void Ended_SaysHowLongWhatWasRenderedAndTheErrors()
    {
        Assert.Equal(
        [
            "job 20261130-070000-aaaaaa failed after 1m05s: 3 of 4 metatiles, 1 rendered, 2 reused from the store",
            "  error: metatile 14/8624/5752: the database is unavailable",
        ], JobText.Ended(Parse(Failed), Gateway));
    }

    [Fact]
    public void Ended_Done_CountsTheReusedMetatiles_AndListsTheOutputs()
    {
        var job = Parse(Running
            .Replace("\"state\": \"running\"", "\"state\": \"done\"", StringComparison.Ordinal)
            .Replace("\"done\": 12, \"total\": 234", "\"done\": 234, \"total\": 234", StringComparison.Ordinal)
            .Replace("\"finished\": null", "\"finished\": \"2026-11-30T06:50:01Z\"", StringComparison.Ordinal));
        Assert.Equal(
        [
            "job 20261130-064512-3f9a1c done after 4m48s: 234 metatiles, 10 rendered, 224 reused from the store",
            "  tms http://127.0.0.1:8080/jobs/20261130-064512-3f9a1c/tms/{z}/{x}/{y}.png",
            "  mbtiles http://127.0.0.1:8080/jobs/20261130-064512-3f9a1c/files/osm-12-17.mbtiles (123456 bytes)",
            "  png z12 http://127.0.0.1:8080/jobs/20261130-064512-3f9a1c/files/osm-z12.png (9876 bytes)",
        ], JobText.Ended(job, Gateway));
    }

    [Fact]
    public void Table_AlignsColumns_NewestFirstAsGiven()
    {
        var list = JsonSerializer.Deserialize<JobList>($$"""{"jobs":[{{Running}},{{Failed}}]}""", JobStatus.Json)!;
        Assert.Equal(
        [
            "ID                      STATE    KIND    ZOOM   PROGRESS                   RENDERS  CREATED               NAME",
            "20261130-064512-3f9a1c  running  export  12-17  tiles 12/234, mbtiles 0/1  10       2026-11-30T06:45:12Z  Vaduz",
            "20261130-070000-aaaaaa  failed   seed    14     tiles 3/4                  1        2026-11-30T07:00:00Z",
        ], JobText.Table(list.Jobs));
    }

    [Fact]
    public void Parse_MinimalDocument_LeavesTheRestEmpty()
    {
        var job = Parse("""{"id":"x","state":"queued"}""");
        Assert.Equal("x queued no progress yet renders=0", JobText.Line(job));
        Assert.Equal(string.Empty, job.Spec?.BboxText ?? string.Empty);
        Assert.Empty(job.Outputs);
    }

    internal static JobStatus Parse(string json) => JsonSerializer.Deserialize<JobStatus>(json, JobStatus.Json)!;
}
