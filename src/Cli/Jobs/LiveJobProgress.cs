using System.Globalization;
using Spectre.Console;

namespace TileCluster.Cli.Jobs;

/// <summary>
/// Progress on a terminal: a Spectre.Console progress display with a line for the job (state,
/// renders, ETA) and a bar per output (tiles in metatiles, then each file), redrawn in place.
/// </summary>
internal sealed class LiveJobProgress(IAnsiConsole console) : IJobProgressView
{
    private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);
    private ProgressContext? _context;
    private ProgressTask? _job;

    /// <inheritdoc/>
    public Task<T> RunAsync<T>(Func<Task<T>> watch) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                _context = context;
                return await watch();
            });

    /// <inheritdoc/>
    public void Show(JobStatus job)
    {
        if (_context is null)
        {
            return;
        }

        // Spectre refuses a task without a description, so each is created with its first one.
        string eta = job.Eta is { } at && !job.IsFinal ? $", ETA {JobText.Time(at)}" : string.Empty;
        string title = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{job.Id} {job.State}, {job.Renders} rendered{eta}"));
        _job ??= _context.AddTask(title, maxValue: 1);
        _job.Description = title;
        _job.IsIndeterminate = !job.IsFinal;
        if (job.IsFinal)
        {
            _job.Value = _job.MaxValue;
        }

        foreach (var progress in job.Progress)
        {
            string description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"  {progress.Output} {progress.Done}/{progress.Total} {progress.Unit}"));
            if (!_bars.TryGetValue(progress.Output, out var bar))
            {
                bar = _context.AddTask(description, maxValue: 1);
                _bars[progress.Output] = bar;
            }

            bar.MaxValue = Math.Max(progress.Total, 1);
            bar.Value = progress.Total <= 0 ? 0 : progress.Done;
            bar.Description = description;
            if (job.IsFinal)
            {
                bar.StopTask();
            }
        }

        if (job.IsFinal)
        {
            _job.StopTask();
        }

        _context.Refresh();
    }

    /// <inheritdoc/>
    public void Warn(string message) => console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
}
