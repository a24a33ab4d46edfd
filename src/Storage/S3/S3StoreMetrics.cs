using System.Diagnostics.Metrics;

namespace TileCluster.Storage.S3;

/// <summary>The S3 store tier's reads and writes by outcome, and its retry queue (OpenTelemetry meter <c>TileCluster.Store</c>).</summary>
internal sealed class S3StoreMetrics
{
    public const string MeterName = "TileCluster.Store";

    private readonly Meter _meter;
    private readonly Counter<long> _reads;
    private readonly Counter<long> _writes;

    public S3StoreMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _reads = _meter.CreateCounter<long>("tilecluster.store.s3.reads", "{read}", "Disk misses looked up in S3: hit, miss, error or skipped (S3 is failing)");
        _writes = _meter.CreateCounter<long>("tilecluster.store.s3.writes", "{write}", "Changes sent to S3: written at once, queued after a failure, retried (written from the queue) or dropped (queue full)");
    }

    /// <summary>Reports the retry queue's length from <paramref name="length"/>.</summary>
    public void ObserveQueue(Func<int> length) =>
        _meter.CreateObservableGauge("tilecluster.store.s3.queue", length, "{metatile}", "Changes waiting for S3 to answer again");

    public void Read(string outcome) => _reads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Write(string outcome) => _writes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
