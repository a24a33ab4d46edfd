using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// This process's view of the cluster, re-read from the membership table every heartbeat
/// interval. When the database is unreachable the last view stays in force, so tiles keep
/// flowing to known silos; silos a call finds unreachable are skipped until the next read.
/// </summary>
internal sealed partial class MembershipView : BackgroundService
{
    private readonly PostgresMembershipTable _table;
    private readonly ClusterOptions _options;
    private readonly ILogger<MembershipView> _logger;
    private readonly Counter<long> _changes;
    private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot _current = new([], []);
    private readonly HashSet<string> _unreachable = [];
    private bool _lastReadFailed;
    private long _recoveredAtTicks = long.MinValue / 2;
    private readonly Lock _unreachableLock = new();

    public MembershipView(PostgresMembershipTable table, IOptions<ClusterOptions> options, IMeterFactory meters, ILogger<MembershipView> logger)
    {
        _table = table;
        _options = options.Value;
        _logger = logger;
        var meter = meters.Create("TileCluster.Runtime");
        _changes = meter.CreateCounter<long>("tilecluster.membership.changes", "{change}", "Changes of the set of active silos seen by this process");
        meter.CreateObservableGauge("tilecluster.membership.active", () => _current.Active.Length, "{silo}", "Active silos seen by this process");
    }

    /// <summary>Active silos, sorted by id, minus those found unreachable since the last read.</summary>
    public SiloInfo[] Active => _current.Active;

    /// <summary>Every row, dead ones included, for the status page.</summary>
    public IReadOnlyList<SiloInfo> All => _current.All;

    public long Changes { get; private set; }

    /// <summary>Completes after the first successful read (or immediately if one happened).</summary>
    public Task FirstRead => _firstRead.Task;

    /// <summary>Called when a call to <paramref name="silo"/> could not connect: route around it until the table says otherwise.</summary>
    public void ReportUnreachable(SiloInfo silo)
    {
        lock (_unreachableLock)
        {
            if (!_unreachable.Add(silo.SiloId))
            {
                return;
            }
        }

        var snapshot = _current;
        _current = snapshot with { Active = [.. snapshot.Active.Where(s => s.SiloId != silo.SiloId)] };
        LogUnreachable(silo.SiloId, silo.Endpoint);
    }

    /// <summary>Reads the table now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SiloInfo> all;
        try
        {
            all = await _table.ReadAllAsync(_options.DeadTimeout, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _lastReadFailed = true;
            throw;
        }

        lock (_unreachableLock)
        {
            _unreachable.Clear();
        }

        var previous = _current;
        if (_lastReadFailed)
        {
            _lastReadFailed = false;
            _recoveredAtTicks = Environment.TickCount64;
        }

        // Right after a database outage every heartbeat looks stale, though the silos were only
        // unable to write it. For one dead-timeout, silos active before keep counting as active.
        bool recovering = Environment.TickCount64 - _recoveredAtTicks < _options.DeadTimeout.TotalMilliseconds;
        var active = all.Where(s => s.Status == SiloState.Active
            || (recovering && s.Status == SiloState.Dead && previous.Active.Any(p => p.SiloId == s.SiloId))).ToArray();
        _current = new Snapshot([.. all], active);
        if (!previous.Active.Select(s => s.SiloId).SequenceEqual(active.Select(s => s.SiloId)))
        {
            Changes++;
            _changes.Add(1);
            LogChanged(new SiloList(active));
        }

        _firstRead.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Timeouts surface as OperationCanceledException too: only stopping ends the loop.
                LogReadFailed(e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record Snapshot(SiloInfo[] All, SiloInfo[] Active);

    /// <summary>Formats the silo ids only if the log line is written.</summary>
    private readonly record struct SiloList(SiloInfo[] Silos)
    {
        public override string ToString() => string.Join(", ", Silos.Select(s => s.SiloId));
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Active silos: {Silos}")]
    private partial void LogChanged(SiloList silos);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Membership table unreadable, keeping the last view: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Silo {SiloId} at {Endpoint} is unreachable; routing around it")]
    private partial void LogUnreachable(string siloId, Uri endpoint);
}
