using Orleans.Runtime;
using TileCluster.Grains.Abstractions.Grains;
using SiloStatus = TileCluster.Grains.Abstractions.Grains.SiloStatus;

namespace TileCluster.Gateway.Cluster;

/// <summary>
/// The cluster as operators see it: the members from Orleans' management grain, and each active
/// silo's own counters from its agent grain.
/// </summary>
internal sealed partial class ClusterStatus(IClusterClient client, ClusterConnection connection, ILogger<ClusterStatus> logger) : IClusterStatus
{
    private static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<SiloStatus>> GetSilosAsync(CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            return [];
        }

        var hosts = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false, cancellationToken).WaitAsync(SiloTimeout, cancellationToken);
        var silos = await Task.WhenAll(hosts.Where(h => h.Status != Orleans.Runtime.SiloStatus.Dead).OrderBy(h => h.SiloName, StringComparer.Ordinal).Select(async host =>
        {
            try
            {
                return await client.GetSiloAgent(host.SiloName).GetStatusAsync().WaitAsync(SiloTimeout, cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                LogSiloUnanswered(host.SiloName, e.Message);
                return new SiloStatus(host.SiloName, host.SiloAddress.ToString(), host.Status.ToString().ToLowerInvariant() + " (no answer)", 0, [], 0, 0, 0, [], new SiloFreshness(0, 0, 0, []));
            }
        }));
        return silos;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            return false;
        }

        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(SiloTimeout, cancellationToken);
            return hosts.Count > 0;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Silo {Silo} did not report its status: {Reason}")]
    private partial void LogSiloUnanswered(string silo, string reason);
}
