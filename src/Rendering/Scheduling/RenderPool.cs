using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Export;
using TileCluster.Rendering;

namespace TileCluster.Rendering.Scheduling;

/// <summary>
/// Keeps CPU-bound rendering off request threads: named dedicated threads, one per core by
/// default, each owning its own <see cref="IMapRenderer"/> (and so its Skia state), fed by a
/// bounded <see cref="RenderQueue"/>.
/// </summary>
public sealed partial class RenderPool : IDisposable
{
    private readonly RenderQueue _queue;
    private readonly IMapRendererFactory _rendererFactory;
    private readonly RenderStatistics _statistics;
    private readonly ILogger<RenderPool> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread[] _threads;
    private int _busy;

    internal RenderPool(IMapRendererFactory rendererFactory, IOptions<RenderOptions> options, RenderStatistics statistics, IMeterFactory meters, ILogger<RenderPool> logger)
    {
        _rendererFactory = rendererFactory;
        _statistics = statistics;
        _logger = logger;
        _queue = new RenderQueue(options.Value.QueueCapacity);
        var meter = meters.Create(RenderStatistics.MeterName);
        meter.CreateObservableGauge("tilecluster.render.queue.depth", ObserveQueue, "{metatile}", "Render jobs waiting, by priority");
        meter.CreateObservableCounter("tilecluster.render.dropped", ObserveDropped, "{metatile}", "Render jobs refused or evicted because the queue was full, by priority (dirty metatiles stay dirty and re-render later)");
        int threads = options.Value.Threads > 0 ? options.Value.Threads : Environment.ProcessorCount;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(RenderLoop) { IsBackground = true, Name = $"render-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Render threads.</summary>
    public int ThreadCount => _threads.Length;

    /// <summary>Threads rendering right now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    public RenderQueue Queue => _queue;

    /// <summary>
    /// Queues a render and waits for it. If <paramref name="cancellationToken"/> fires while the
    /// job is still queued and nobody else waits for it, the job is dropped.
    /// </summary>
    public ValueTask<RenderOutcome> RenderAsync(MetatileKey key, RenderPriority priority, CancellationToken cancellationToken) =>
        WaitAsync(_queue.Enqueue(key, priority), cancellationToken);

    /// <summary>
    /// Queues an export (one exact rectangle as one image) at <paramref name="priority"/> and waits
    /// for its encoded bytes. Exports never merge; a cancelled, still-queued export is dropped.
    /// </summary>
    public ValueTask<RenderOutcome> ExportAsync(ExportRequest request, RenderPriority priority, CancellationToken cancellationToken) =>
        WaitAsync(_queue.EnqueueExport((renderer, stopping) => ExportWriter.Write(renderer, request, stopping), priority), cancellationToken);

    /// <summary>
    /// Queues the label pass of an export rendered in strips and waits for the placed labels
    /// (<see cref="RenderOutcome.Export"/> is an <see cref="ExportLabel"/> array).
    /// </summary>
    public ValueTask<RenderOutcome> PlaceExportLabelsAsync(ExportRequest request, RenderPriority priority, CancellationToken cancellationToken) =>
        WaitAsync(_queue.EnqueueExport((renderer, stopping) => renderer.PlaceLabels(request, stopping), priority), cancellationToken);

    /// <summary>
    /// Queues one strip of an export and waits for it, compressed (<see cref="RenderOutcome.Export"/>
    /// is an <see cref="ExportStrip"/>).
    /// </summary>
    public ValueTask<RenderOutcome> ExportStripAsync(ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, RenderPriority priority, CancellationToken cancellationToken) =>
        WaitAsync(_queue.EnqueueExport((renderer, stopping) => ExportWriter.WriteStrip(renderer, request, labels, topPx, heightPx, stopping), priority), cancellationToken);

    /// <summary>Waits for a queued job (null: the queue refused it); a cancelled wait drops the job if nobody else waits.</summary>
    private async ValueTask<RenderOutcome> WaitAsync(RenderJob? job, CancellationToken cancellationToken)
    {
        if (job is null)
        {
            return RenderOutcome.Rejected;
        }

        try
        {
            return await job.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _queue.Abandon(job);
            throw;
        }
    }

    private void RunExport(IMapRenderer renderer, RenderJob job, Func<IMapRenderer, CancellationToken, object> export, CancellationToken stopping)
    {
        using var activity = RenderingTelemetry.Source.StartActivity("render export", ActivityKind.Internal, job.Parent);
        long started = Stopwatch.GetTimestamp();
        try
        {
            object result = export(renderer, stopping);
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogExported(elapsed.TotalMilliseconds);
            job.Complete(new RenderOutcome(RenderOutcomeKind.Rendered, null, null) { Export = result });
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogExportFailed(e);
            job.Complete(new RenderOutcome(RenderOutcomeKind.Failed, null, e));
        }
    }

    private void RenderLoop()
    {
        using var renderer = _rendererFactory.Create(EncodeWorkers);
        renderer.WarmUp();
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            RenderJob job;
            try
            {
                job = _queue.Take(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _busy);
            if (job.Export is { } export)
            {
                try
                {
                    RunExport(renderer, job, export, stopping);
                }
                finally
                {
                    Interlocked.Decrement(ref _busy);
                }

                continue;
            }

            using var activity = RenderingTelemetry.Source.StartActivity("render metatile", ActivityKind.Internal, job.Parent);
            activity?.SetTag("tilecluster.metatile", job.Key.ToString());
            activity?.SetTag("tilecluster.priority", job.Priority.ToString());
            long started = Stopwatch.GetTimestamp();
            try
            {
                var tiles = renderer.Render(job.Key, stopping);
                var elapsed = Stopwatch.GetElapsedTime(started);
                var breakdown = renderer.LastBreakdown;
                _statistics.RecordRender(job.Key.Metatile.Z, elapsed, breakdown);
                if (activity is not null)
                {
                    activity.SetTag("tilecluster.render.query_ms", breakdown.Query.TotalMilliseconds);
                    activity.SetTag("tilecluster.render.draw_ms", breakdown.Draw.TotalMilliseconds);
                    activity.SetTag("tilecluster.render.labels_ms", breakdown.Labels.TotalMilliseconds);
                    activity.SetTag("tilecluster.render.encode_ms", breakdown.Encode.TotalMilliseconds);
                    activity.SetTag("tilecluster.render.features", breakdown.Features);
                }

                LogRendered(job.Key, job.Priority, elapsed.TotalMilliseconds);
                job.Complete(new RenderOutcome(RenderOutcomeKind.Rendered, tiles, null));
            }
            catch (Exception e)
            {
                _statistics.RecordFailure(job.Key.Metatile.Z);
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                LogRenderFailed(e, job.Key);
                job.Complete(new RenderOutcome(RenderOutcomeKind.Failed, null, e));
            }
            finally
            {
                Interlocked.Decrement(ref _busy);
            }
        }
    }

    /// <summary>
    /// Threads a render that reaches its encoding may use: its own, plus one per render thread
    /// that is idle while nothing waits in the queue (a lone render, such as a cold miss, then
    /// finishes sooner; when work is queued, the idle threads are about to take it).
    /// </summary>
    private int EncodeWorkers() =>
        _queue.Count > 0 ? 1 : Math.Clamp(_threads.Length - Busy + 1, 1, Environment.ProcessorCount);

    private IEnumerable<Measurement<int>> ObserveQueue()
    {
        foreach (var priority in Enum.GetValues<RenderPriority>())
        {
            yield return new Measurement<int>(_queue.DepthOf(priority), new KeyValuePair<string, object?>("priority", priority.ToString()));
        }
    }

    private IEnumerable<Measurement<long>> ObserveDropped()
    {
        foreach (var priority in Enum.GetValues<RenderPriority>())
        {
            yield return new Measurement<long>(_queue.DroppedAt(priority), new KeyValuePair<string, object?>("priority", priority.ToString()));
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(10));
        }

        _queue.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Rendered {Key} at {Priority} in {ElapsedMs:F0} ms")]
    private partial void LogRendered(MetatileKey key, RenderPriority priority, double elapsedMs);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Export work done in {ElapsedMs:F0} ms")]
    private partial void LogExported(double elapsedMs);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Export failed")]
    private partial void LogExportFailed(Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Render of {Key} failed")]
    private partial void LogRenderFailed(Exception exception, MetatileKey key);
}
