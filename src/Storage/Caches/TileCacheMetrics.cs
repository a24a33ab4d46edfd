using System.Diagnostics.Metrics;

namespace TileCluster.Storage.Caches;

/// <summary>Cache calls by tier and outcome (OpenTelemetry meter <c>TileCluster.Cache</c>), also shown on the status page.</summary>
internal sealed class TileCacheMetrics
{
    public const string MeterName = "TileCluster.Cache";

    private readonly Counter<long> _calls;

    public TileCacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("tilecluster.cache.calls", "{call}", "Calls per cache tier: hit or miss (lookups), error (the tier failed or timed out) or skipped (its circuit was open)");
    }

    public void Record(TileCacheTier tier, string outcome) =>
        _calls.Add(1, new KeyValuePair<string, object?>("chain", tier.Settings.Chain), new KeyValuePair<string, object?>("tier", tier.Settings.Index), new KeyValuePair<string, object?>("kind", tier.Settings.Kind), new KeyValuePair<string, object?>("outcome", outcome));
}
