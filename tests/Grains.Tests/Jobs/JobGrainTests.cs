using System.Globalization;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Tests.Jobs;

/// <summary>Job grains on a real (in-process) Orleans cluster, rendering from the test PostGIS, with their state in the test Redis.</summary>
public sealed class JobGrainTests(JobClusterFixture fixture) : IClassFixture<JobClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_SeedOfASmallBox_EveryMetatileRenderedOnce_ThenReusedByASecondJob()
    {
        var spec = Seed(9.50, 47.12, 9.54, 47.16, 12, 15);
        long before = fixture.Renders(spec);

        var first = await RunAsync(spec);

        Assert.Equal(JobState.Done, first.State);
        var tiles = Assert.Single(first.Progress);
        Assert.Equal(("tiles", 6L, 6L, "metatiles"), (tiles.Output, tiles.Done, tiles.Total, tiles.Unit));
        Assert.Equal(6, first.Renders);
        Assert.Equal(6, fixture.Renders(spec) - before);
        Assert.NotNull(first.Started);
        Assert.NotNull(first.Finished);
        Assert.DoesNotContain(first.Id, await fixture.Client.GetJobDirectory().UnfinishedAsync());

        var second = await RunAsync(spec);

        Assert.Equal(JobState.Done, second.State);
        Assert.Equal(0, second.Renders);
        Assert.Equal(6, fixture.Renders(spec) - before);
    }

    [Fact]
    public async Task Deactivate_MidJob_ResumesWithoutRenderingAnyMetatileTwice()
    {
        var spec = Seed(9.47, 47.04, 9.64, 47.28, 16, 16);
        int total = JobTiling.Metatiles(spec).Count;
        long before = fixture.Renders(spec);
        string id = NewId();
        var job = fixture.Client.GetJob(id);
        await job.StartAsync(new JobSubmission(spec, []));
        await WaitAsync(job, s => s.Progress[0].Done >= 5);

        await fixture.Cluster.DeactivateAsync(job);
        await fixture.Cluster.WaitForDeactivationAsync(job);
        var resumed = await WaitAsync(job, s => s.IsFinished);

        Assert.Equal(JobState.Done, resumed.State);
        Assert.Equal(total, resumed.Progress[0].Done);
        Assert.Equal(total, fixture.Renders(spec) - before);
        Assert.InRange(resumed.Renders, 1, total);
    }

    [Fact]
    public async Task Cancel_RunningJob_StopsAndStaysCancelled_AndStartingSilosNoLongerWakeIt()
    {
        var spec = Seed(9.47, 47.04, 9.64, 47.28, 17, 17);
        string id = NewId();
        var job = fixture.Client.GetJob(id);
        var directory = fixture.Client.GetJobDirectory();
        await job.StartAsync(new JobSubmission(spec, []));
        await WaitAsync(job, s => s.State == JobState.Running);
        Assert.Contains(id, await directory.UnfinishedAsync());

        var cancelled = await job.CancelAsync();

        Assert.DoesNotContain(id, await directory.UnfinishedAsync());
        Assert.Contains(await directory.AllAsync(), j => j.Id == id && j.Finished);

        Assert.Equal(JobState.Cancelled, cancelled!.State);
        Assert.NotNull(cancelled.Finished);
        long done = cancelled.Progress[0].Done;
        Assert.True(done < cancelled.Progress[0].Total, "the job finished before it was cancelled");
        long renders = fixture.Renders(spec);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        var later = await job.GetStatusAsync();
        Assert.Equal(JobState.Cancelled, later!.State);
        Assert.Equal(done, later.Progress[0].Done);

        // At most the metatiles that were in flight (Jobs:Concurrency = 3) finish after the cancel.
        Assert.InRange(fixture.Renders(spec) - renders, 0, 3);
        var again = await job.CancelAsync();
        Assert.Equal((JobState.Cancelled, cancelled.Finished), (again!.State, again.Finished));
    }

    [Fact]
    public async Task Start_ExportWithXyzAndPng_WritesTheTreeOfTheTileListAndOneImagePerZoom()
    {
        var spec = new JobSpec("osm", 9.515, 47.135, 9.530, 47.145, 17, 18, JobKind.Export, [JobOutputKind.Xyz, JobOutputKind.Png], "Vaduz");
        var images = new[] { 17, 18 }.Select(z => new JobImage(JobOutputKind.Png, z, Image(spec, z))).ToArray();
        int metatiles = JobTiling.Metatiles(spec).Count;

        var status = await RunAsync(spec, images);

        Assert.Equal(JobState.Done, status.State);
        string folder = Path.Combine(fixture.JobsRoot, status.Id);
        var expected = ExpectedTiles(spec).Select(t => Path.Combine(folder, "tiles", $"{t.Z}", $"{t.X}", $"{t.Y}.png")).Order().ToArray();
        var written = Directory.EnumerateFiles(Path.Combine(folder, "tiles"), "*", SearchOption.AllDirectories).Order().ToArray();
        Assert.Equal(expected, written);
        Assert.All(written, path => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(path)[..4]));

        Assert.Equal([$"tiles:{metatiles}/{metatiles}", "xyz:1/1", "png:2/2"], status.Progress.Select(p => $"{p.Output}:{p.Done}/{p.Total}"));
        var pngs = status.Outputs.Where(o => o.Kind == JobOutputKind.Png).ToArray();
        Assert.Equal([17, 18], pngs.Select(o => o.Zoom!.Value));
        Assert.All(pngs, o => Assert.Equal(new FileInfo(Path.Combine(folder, "files", o.FileName!)).Length, o.Bytes));
        Assert.Equal(["osm-z17.png", "osm-z18.png"], pngs.Select(o => o.FileName));
    }

    /// <summary>The tile list computed here independently: the slippy-map formulas of the OSM wiki.</summary>
    private static IEnumerable<(int Z, int X, int Y)> ExpectedTiles(JobSpec spec)
    {
        for (int z = spec.MinZoom; z <= spec.MaxZoom; z++)
        {
            double n = Math.Pow(2, z);
            int x0 = (int)Math.Floor((spec.West + 180) / 360 * n), x1 = (int)Math.Floor((spec.East + 180) / 360 * n);
            int y0 = (int)Math.Floor((1 - (Math.Asinh(Math.Tan(spec.North * Math.PI / 180)) / Math.PI)) / 2 * n);
            int y1 = (int)Math.Floor((1 - (Math.Asinh(Math.Tan(spec.South * Math.PI / 180)) / Math.PI)) / 2 * n);
            for (int x = x0; x <= x1; x++)
            {
                for (int y = y0; y <= y1; y++)
                {
                    yield return (z, x, y);
                }
            }
        }
    }

    private static ExportRequest Image(JobSpec spec, int zoom)
    {
        const double HalfWorld = 20037508.342789244;
        static double Y(double latitude) => 6378137 * Math.Log(Math.Tan((Math.PI / 4) + (latitude * Math.PI / 360)));
        double minX = spec.West * HalfWorld / 180, maxX = spec.East * HalfWorld / 180, minY = Y(spec.South), maxY = Y(spec.North);
        double metresPerPixel = 2 * HalfWorld / (256 * Math.Pow(2, zoom));
        return new ExportRequest(spec.Style, minX, minY, maxX, maxY, (int)Math.Round((maxX - minX) / metresPerPixel), (int)Math.Round((maxY - minY) / metresPerPixel), zoom, 1, ExportFormat.Png, 96, true);
    }

    private static JobSpec Seed(double west, double south, double east, double north, int minZoom, int maxZoom) =>
        new("osm", west, south, east, north, minZoom, maxZoom, JobKind.Seed, [], null);

    private static string NewId() => string.Create(CultureInfo.InvariantCulture, $"test-{Guid.NewGuid():N}");

    private async Task<JobStatus> RunAsync(JobSpec spec, JobImage[]? images = null)
    {
        var job = fixture.Client.GetJob(NewId());
        var started = await job.StartAsync(new JobSubmission(spec, images ?? []));
        Assert.Equal(JobState.Queued, started.State);
        return await WaitAsync(job, s => s.IsFinished);
    }

    private static async Task<JobStatus> WaitAsync(IJobGrain job, Func<JobStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await job.GetStatusAsync() ?? throw new InvalidOperationException("the job is gone");
            if (condition(status))
            {
                return status;
            }

            if (status.IsFinished || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"job {status.Id} is {status.State} ({string.Join("; ", status.Errors)}) and never met the condition");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancel);
        }
    }
}
