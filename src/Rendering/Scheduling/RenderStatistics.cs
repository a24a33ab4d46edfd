using System.Diagnostics.Metrics;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Rendering.Scheduling;

/// <summary>
/// Render counters for the status page, mirrored as OpenTelemetry metrics on the
/// <c>TileCluster.Grains</c> meter.
/// </summary>
public sealed class RenderStatistics
{
    /// <summary>Name of the meter carrying render metrics.</summary>
    public const string MeterName = "TileCluster.Grains";

    private readonly Lock _lock = new();
    private readonly long[] _count = new long[TileCoord.MaxSupportedZoom + 1];
    private readonly double[] _sumMs = new double[TileCoord.MaxSupportedZoom + 1];
    private readonly double[] _maxMs = new double[TileCoord.MaxSupportedZoom + 1];

    // Per zoom: summed query, draw, labels and encode milliseconds.
    private readonly double[,] _phaseMs = new double[TileCoord.MaxSupportedZoom + 1, 4];
    private readonly Counter<long> _renders;
    private readonly Histogram<double> _duration;
    private long _failures;

    public RenderStatistics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _renders = meter.CreateCounter<long>("tilecluster.renders", "{metatile}", "Metatile renders by outcome");
        _duration = meter.CreateHistogram<double>("tilecluster.render.duration", "s", "Metatile render time (query, draw, encode) by zoom");
    }

    public long Renders
    {
        get
        {
            lock (_lock)
            {
                return _count.Sum();
            }
        }
    }

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Counts one render of a metatile at <paramref name="zoom"/> and where its time went.</summary>
    internal void RecordRender(int zoom, TimeSpan elapsed, RenderBreakdown breakdown)
    {
        double ms = elapsed.TotalMilliseconds;
        lock (_lock)
        {
            _count[zoom]++;
            _sumMs[zoom] += ms;
            _maxMs[zoom] = Math.Max(_maxMs[zoom], ms);
            _phaseMs[zoom, 0] += breakdown.Query.TotalMilliseconds;
            _phaseMs[zoom, 1] += breakdown.Draw.TotalMilliseconds;
            _phaseMs[zoom, 2] += breakdown.Labels.TotalMilliseconds;
            _phaseMs[zoom, 3] += breakdown.Encode.TotalMilliseconds;
        }

        var zoomTag = new KeyValuePair<string, object?>("zoom", zoom);
        _renders.Add(1, zoomTag, new KeyValuePair<string, object?>("outcome", "rendered"));
        _duration.Record(elapsed.TotalSeconds, zoomTag);
    }

    public void RecordFailure(int zoom)
    {
        Interlocked.Increment(ref _failures);
        _renders.Add(1, new KeyValuePair<string, object?>("zoom", zoom), new KeyValuePair<string, object?>("outcome", "failed"));
    }

    public IReadOnlyList<ZoomRenderStats> ByZoom()
    {
        var result = new List<ZoomRenderStats>();
        lock (_lock)
        {
            for (int z = 0; z < _count.Length; z++)
            {
                if (_count[z] > 0)
                {
                    double n = _count[z];
                    result.Add(new ZoomRenderStats(
                        z, _count[z], _sumMs[z] / n, _maxMs[z], _phaseMs[z, 0] / n, _phaseMs[z, 1] / n, _phaseMs[z, 2] / n, _phaseMs[z, 3] / n));
                }
            }
        }

        return result;
    }
}
