using TileCluster.Cli.Http;

namespace TileCluster.Cli.Jobs;

/// <summary>
/// Follows one job until it ends by polling <c>GET /jobs/{id}/status.json</c>. A gateway that does
/// not answer, or answers 429/5xx, is asked again (jobs outlive gateway restarts); a 4xx ends the
/// wait with that error.
/// </summary>
internal sealed class JobWatcher(JobsClient client, TimeSpan interval, TimeProvider time)
{
    /// <summary>The default poll interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>Waits for job <paramref name="id"/> to end, showing its progress in <paramref name="view"/>.</summary>
    public Task<(JobStatus? Job, GatewayError? Error)> WaitAsync(string id, IJobProgressView view, CancellationToken cancellationToken) =>
        view.RunAsync<(JobStatus? Job, GatewayError? Error)>(async () =>
        {
            string? lastWarning = null;
            while (true)
            {
                var (job, _, error) = await client.StatusAsync(id, cancellationToken);
                TimeSpan delay = interval;
                if (job is not null)
                {
                    lastWarning = null;
                    view.Show(job);
                    if (job.IsFinal)
                    {
                        return (job, null);
                    }
                }
                else if (!error!.IsTransient)
                {
                    return (null, error);
                }
                else
                {
                    // Said once per kind of failure, not at every poll.
                    if (error.Message != lastWarning)
                    {
                        lastWarning = error.Message;
                        view.Warn($"{error.Message}; asking again");
                    }

                    if (error.RetryAfter is { } retryAfter && retryAfter > delay)
                    {
                        delay = retryAfter;
                    }
                }

                await Task.Delay(delay, time, cancellationToken);
            }
        });
}
