using Microsoft.Extensions.Options;
using Npgsql;
using TileCluster.Storage.Caches;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Admin;

/// <summary>
/// Tells the other gateways of the cluster that tiles of a style were expired, so none of them
/// keeps serving a cached copy as fresh. The gateway that took the expire list drops exactly the
/// expired tiles from every tier, shared ones (Redis, memcached) included; the others drop the
/// style's tiles from their own memory tiers, which costs little since those refill within their
/// TTL anyway. Carried by PostgreSQL LISTEN/NOTIFY, which every gateway
/// already reaches.
/// </summary>
internal sealed partial class ExpiryBroadcast(
    NpgsqlDataSource database,
    IOptions<OrleansClusterOptions> cluster,
    TileCaches caches,
    ILogger<ExpiryBroadcast> logger) : BackgroundService
{
    private const string Channel = "tilecluster_expire";

    private readonly string _self = Guid.NewGuid().ToString("N");

    /// <summary>Announces an expiry of <paramref name="style"/>; failure only logs (the memory tiers' TTL still bounds staleness).</summary>
    public async Task AnnounceAsync(string style, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", $"{cluster.Value.ClusterId}\n{_self}\n{style}");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogAnnounceFailed(style, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Missed notifications while disconnected: start clean.
                caches.ClearLocalTiers();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(string payload)
    {
        string[] parts = payload.Split('\n');
        if (parts.Length == 3 && parts[0] == cluster.Value.ClusterId && parts[1] != _self)
        {
            int dropped = caches.RemoveStyleFromLocalTiers(parts[2]);
            LogInvalidated(parts[2], dropped);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Could not announce the expiry of style {Style} to other gateways: {Reason}")]
    private partial void LogAnnounceFailed(string style, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Listening for other gateways' expiries failed: {Reason}; retrying")]
    private partial void LogListenFailed(string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "Another gateway expired style {Style}: dropped {Dropped} cached tiles")]
    private partial void LogInvalidated(string style, int dropped);
}
