using Microsoft.Extensions.Options;
using TileCluster.Gateway.Cluster;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Gateway.Jobs;

/// <summary>
/// Removes finished jobs older than <c>Jobs:Retention</c>: their folder, their state and their
/// entry in the list. Every gateway runs it; removing twice is harmless. Running jobs are kept,
/// however old.
/// </summary>
internal sealed partial class JobRetention(
    IGrainFactory grains,
    ClusterConnection connection,
    JobFolders folders,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<JobRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionCheckPeriod, time);
        do
        {
            if (connection.IsConnected)
            {
                try
                {
                    await RemoveExpiredAsync(stoppingToken);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException or IOException or UnauthorizedAccessException)
                {
                    LogFailed(e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns the ids removed.</summary>
    public async Task<List<string>> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var removed = new List<string>();
        var directory = grains.GetJobDirectory();
        foreach (var entry in await directory.AllAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Created >= cutoff)
            {
                // Oldest first: the rest are younger still.
                break;
            }

            var job = grains.GetJob(entry.Id);
            if (await job.GetStatusAsync() is { IsFinished: false })
            {
                continue;
            }

            folders.Delete(entry.Id);
            await job.ForgetAsync();
            await directory.RemoveAsync(entry.Id);
            removed.Add(entry.Id);
        }

        if (removed.Count > 0)
        {
            LogRemoved(removed.Count, options.Value.Retention);
        }

        return removed;
    }

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Removed {Count} jobs older than {Retention} and their outputs")]
    private partial void LogRemoved(int count, TimeSpan retention);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Job retention pass failed; next pass at the next period")]
    private partial void LogFailed(Exception error);
}
