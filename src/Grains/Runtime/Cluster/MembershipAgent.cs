using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// A silo's membership life cycle: join (joining → active), heartbeat every interval, and on
/// shutdown mark itself leaving, let gateways notice and in-flight calls finish, then remove
/// its row. A database outage only pauses heartbeats; the silo keeps serving.
/// </summary>
internal sealed partial class MembershipAgent(
    PostgresMembershipTable table,
    SiloIdentity identity,
    InFlightCalls inFlight,
    IOptions<ClusterOptions> options,
    ILogger<MembershipAgent> logger) : BackgroundService
{
    private readonly ClusterOptions _options = options.Value;
    private volatile SiloState _state = SiloState.Joining;

    public SiloState State => _state;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        bool schemaReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!schemaReady)
                {
                    await table.EnsureSchemaAsync(stoppingToken);
                    schemaReady = true;
                    await table.UpsertAsync(identity.SiloId, identity.Endpoint, SiloState.Joining, stoppingToken);
                    LogJoining(identity.SiloId, identity.Endpoint);
                }

                if (_state == SiloState.Joining)
                {
                    _state = SiloState.Active;
                    LogActive(identity.SiloId);
                }

                if (_state == SiloState.Active)
                {
                    await table.UpsertAsync(identity.SiloId, identity.Endpoint, SiloState.Active, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Timeouts surface as OperationCanceledException too: only stopping ends the loop.
                LogHeartbeatFailed(e.Message);
            }

            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _state = SiloState.Leaving;
        await base.StopAsync(cancellationToken);
        LogLeaving(identity.SiloId);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(_options.DrainTimeout);
        try
        {
            await table.UpsertAsync(identity.SiloId, identity.Endpoint, SiloState.Leaving, drain.Token);

            // Gateways re-read membership every heartbeat; give them two to stop sending new calls,
            // then wait for the calls already here.
            await Task.Delay(_options.HeartbeatInterval * 2, drain.Token);
            await inFlight.WaitForZeroAsync(drain.Token);
            await table.DeleteAsync(identity.SiloId, drain.Token);
            LogLeft(identity.SiloId);
        }
        catch (Exception e)
        {
            // Shutdown must go on: a silo that cannot say goodbye is declared dead by its missing heartbeats.
            LogDrainIncomplete(identity.SiloId, inFlight.Count, e.Message);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Silo {SiloId} joining at {Endpoint}")]
    private partial void LogJoining(string siloId, Uri endpoint);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Silo {SiloId} active")]
    private partial void LogActive(string siloId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Heartbeat failed; serving on: {Reason}")]
    private partial void LogHeartbeatFailed(string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Silo {SiloId} leaving: draining in-flight calls")]
    private partial void LogLeaving(string siloId);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Silo {SiloId} left the cluster")]
    private partial void LogLeft(string siloId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Silo {SiloId} stopped before draining ({InFlight} calls in flight): {Reason}")]
    private partial void LogDrainIncomplete(string siloId, int inFlight, string reason);
}
