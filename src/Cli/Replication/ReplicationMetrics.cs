using System.Diagnostics.Metrics;

namespace TileCluster.Cli.Replication;

/// <summary>
/// The replication loop's instruments, on the meter <c>TileCluster.Replication</c>. Exported over
/// OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (see <see cref="Infrastructure.Telemetry"/>).
/// </summary>
public sealed class ReplicationMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "TileCluster.Replication";

    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private long _sequence = -1;
    private DateTimeOffset? _timestamp;

    /// <summary>Creates the instruments.</summary>
    public ReplicationMetrics(TimeProvider time)
    {
        _time = time;
        _meter = new Meter(MeterName);
        _meter.CreateObservableGauge("tilecluster.replication.sequence", ObserveSequence, "{sequence}", "The last sequence applied to the database.");
        _meter.CreateObservableGauge("tilecluster.replication.lag", ObserveLag, "s", "Now minus the OSM data time of the last applied sequence.");
        DeliveryDuration = _meter.CreateHistogram<double>("tilecluster.replication.delivery.duration", "s", "From a diff's arrival to its expiries being delivered to the silos.");
        HotRerenderDuration = _meter.CreateHistogram<double>("tilecluster.replication.hot_rerender.duration", "s", "From a diff's arrival to its hot-zoom metatiles being re-rendered.");
        Osm2pgsqlFailures = _meter.CreateCounter<long>("tilecluster.replication.osm2pgsql.failures", "{run}", "osm2pgsql runs that failed (each is retried).");
        DeliveryFailures = _meter.CreateCounter<long>("tilecluster.replication.delivery.failures", "{request}", "Expire posts that failed or were rejected.");
        Applied = _meter.CreateCounter<long>("tilecluster.replication.applied", "{sequence}", "Sequences applied to the database.");
    }

    /// <summary>Seconds from arrival to delivered.</summary>
    public Histogram<double> DeliveryDuration { get; }

    /// <summary>Seconds from arrival to hot zooms re-rendered.</summary>
    public Histogram<double> HotRerenderDuration { get; }

    /// <summary>Failed osm2pgsql runs.</summary>
    public Counter<long> Osm2pgsqlFailures { get; }

    /// <summary>Failed or rejected expire posts.</summary>
    public Counter<long> DeliveryFailures { get; }

    /// <summary>Applied sequences.</summary>
    public Counter<long> Applied { get; }

    /// <summary>Records the state the gauges report.</summary>
    public void SetState(ReplicationState state)
    {
        Volatile.Write(ref _sequence, state.Sequence);
        lock (_meter)
        {
            _timestamp = state.Timestamp;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveSequence()
    {
        long sequence = Volatile.Read(ref _sequence);
        return sequence < 0 ? [] : [new Measurement<long>(sequence)];
    }

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        DateTimeOffset? timestamp;
        lock (_meter)
        {
            timestamp = _timestamp;
        }

        return timestamp is { } t ? [new Measurement<double>((_time.GetUtcNow() - t).TotalSeconds)] : [];
    }
}
