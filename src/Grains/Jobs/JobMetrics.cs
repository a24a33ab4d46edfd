using System.Diagnostics.Metrics;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Grains.Jobs;

/// <summary>Job progress on the <c>TileCluster.Grains</c> meter: metatiles done and jobs finished.</summary>
internal sealed class JobMetrics
{
    private readonly Counter<long> _metatiles;
    private readonly Counter<long> _finished;

    public JobMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RenderStatistics.MeterName);
        _metatiles = meter.CreateCounter<long>("tilecluster.jobs.metatiles", "{metatile}", "Metatiles finished by jobs, by outcome (rendered, reused)");
        _finished = meter.CreateCounter<long>("tilecluster.jobs", "{job}", "Jobs that reached a final state, by state (done, failed, cancelled)");
    }

    public void MetatileDone(bool rendered) =>
        _metatiles.Add(1, new KeyValuePair<string, object?>("outcome", rendered ? "rendered" : "reused"));

    public void JobFinished(JobState state) =>
        _finished.Add(1, new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()));
}
