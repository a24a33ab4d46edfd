using System.Diagnostics.Metrics;

namespace TileCluster.Gateway.Http;

/// <summary>Gateway request counters (OpenTelemetry meter <c>TileCluster.Gateway</c>), also shown on the status page.</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "TileCluster.Gateway";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _retries;
    private long _hits;
    private long _retryCount;
    private long _misses;
    private long _notModified;
    private long _unavailable;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("tilecluster.tile.requests", "{request}", "Tile requests by status code and cache outcome");
        _retries = meter.CreateCounter<long>("tilecluster.tile.call_retries", "{call}", "Grain calls for tiles tried again after a cluster failure or a slow attempt");
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long NotModified => Interlocked.Read(ref _notModified);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>Grain calls tried again, since start.</summary>
    public long Retries => Interlocked.Read(ref _retryCount);

    public void Retry()
    {
        Interlocked.Increment(ref _retryCount);
        _retries.Add(1);
    }

    public void Hit(int status)
    {
        Interlocked.Increment(ref status == StatusCodes.Status304NotModified ? ref _notModified : ref _hits);
        Record(status, "hit");
    }

    public void Miss(int status)
    {
        Interlocked.Increment(ref status == StatusCodes.Status503ServiceUnavailable ? ref _unavailable : ref _misses);
        Record(status, "miss");
    }

    private void Record(int status, string cache) =>
        _requests.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status), new KeyValuePair<string, object?>("cache", cache));
}
