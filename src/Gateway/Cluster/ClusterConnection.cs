namespace TileCluster.Gateway.Cluster;

/// <summary>
/// Whether the Orleans client is connected to at least one silo. Until it is (no silo up, or
/// Redis unreachable so no silo can be found), grain calls cannot even be addressed: tile
/// requests answer 503 at once and <c>/readyz</c> says not ready.
/// </summary>
internal sealed partial class ClusterConnection(IHostApplicationLifetime lifetime, ILogger<ClusterConnection> logger) : IClusterConnectionStatusObserver
{
    private int _gateways;

    /// <summary>
    /// Connected to a silo, and the client finished starting: only then does it know the
    /// cluster's grain types (before that, addressing a grain throws).
    /// </summary>
    public bool IsConnected => Volatile.Read(ref _gateways) > 0 && lifetime.ApplicationStarted.IsCancellationRequested;

    public void NotifyClusterConnectionLost()
    {
        Volatile.Write(ref _gateways, 0);
        LogLost();
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        Volatile.Write(ref _gateways, currentNumberOfGateways);
        LogGateways(currentNumberOfGateways, previousNumberOfGateways);
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Lost the connection to the cluster: no silo reachable")]
    private partial void LogLost();

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "Connected to {Current} silos (was {Previous})")]
    private partial void LogGateways(int current, int previous);
}
