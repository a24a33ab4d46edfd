using System.Diagnostics.Metrics;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Grains.Freshness;

/// <summary>Expiry and re-render figures of a silo, on the <c>TileCluster.Grains</c> meter.</summary>
internal sealed class FreshnessMetrics
{
    private readonly Counter<long> _expired;
    private readonly Histogram<double> _refresh;
    private long _dirtied;
    private long _notStored;
    private long _refreshed;

    public FreshnessMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RenderStatistics.MeterName);
        _expired = meter.CreateCounter<long>("tilecluster.expire.metatiles", "{metatile}", "Metatile expiries received, by outcome (not_stored, dirtied, refreshing)");
        _refresh = meter.CreateHistogram<double>("tilecluster.freshness.refresh.duration", "s", "From a metatile's expiry to its re-render being stored, by zoom");
    }

    /// <summary>Expiries that marked a stored metatile dirty, since start.</summary>
    public long Dirtied => Interlocked.Read(ref _dirtied);

    /// <summary>Expiries of metatiles that were never stored, since start.</summary>
    public long NotStored => Interlocked.Read(ref _notStored);

    /// <summary>Dirty metatiles re-rendered, since start.</summary>
    public long Refreshed => Interlocked.Read(ref _refreshed);

    public void RecordExpire(ExpireOutcome outcome)
    {
        Interlocked.Increment(ref outcome == ExpireOutcome.NotStored ? ref _notStored : ref _dirtied);
        _expired.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            ExpireOutcome.NotStored => "not_stored",
            ExpireOutcome.Dirtied => "dirtied",
            _ => "refreshing",
        }));
    }

    public void RecordRefresh(int zoom, TimeSpan sinceExpiry)
    {
        Interlocked.Increment(ref _refreshed);
        _refresh.Record(sinceExpiry.TotalSeconds, new KeyValuePair<string, object?>("zoom", zoom));
    }
}
