using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Jobs;

/// <summary>
/// Progress for logs and pipes: one time-stamped line (<see cref="JobText.Line"/>) whenever the
/// state, the progress or the render count changed since the last line; nothing while they hold still.
/// </summary>
internal sealed class PlainJobProgress(ConsoleLog log) : IJobProgressView
{
    private string? _last;

    /// <inheritdoc/>
    public Task<T> RunAsync<T>(Func<Task<T>> watch) => watch();

    /// <inheritdoc/>
    public void Show(JobStatus job)
    {
        string key = $"{job.State} {JobText.Progress(job)} {job.Renders}";
        if (key != _last)
        {
            _last = key;
            log.Info(JobText.Line(job));
        }
    }

    /// <inheritdoc/>
    public void Warn(string message) => log.Warn(message);
}
