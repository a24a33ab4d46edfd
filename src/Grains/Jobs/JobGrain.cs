using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// A seed or export job. Its state is kept in Redis (grain storage <see cref="StorageName"/>) and a
/// reminder wakes it after restarts; while it runs, its work loop (<see cref="_work"/>) fans the
/// metatiles out to their grains at bulk priority, a bounded number at a time, records each
/// finished one in a bitset, then writes the outputs one after another.
/// </summary>
/// <remarks>
/// Only the work loop writes the state while it runs; <see cref="CancelAsync"/> and deactivation stop
/// it and wait for it, so writes never overlap. The loop's continuations run on the grain's
/// scheduler, interleaved with calls at awaits, so the fields need no locks.
/// </remarks>
internal sealed partial class JobGrain(
    [PersistentState("job", JobGrain.StorageName)] IPersistentState<JobRecord> record,
    JobOutputWriter outputs,
    JobMetrics metrics,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable, IDisposable
{
    /// <summary>The grain storage provider of jobs and the job directory.</summary>
    public const string StorageName = "jobs";

    private const string ReminderName = "resume";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PersistEvery = TimeSpan.FromSeconds(1);
    private const int MaxFailedAttempts = 5;

    private string _id = string.Empty;
    private IReadOnlyList<(MetatileCoord Metatile, TileRange Range)>? _metatiles;
    private Task? _work;
    private CancellationTokenSource? _stop;
    private bool _cancelRequested;

    private JobRecord State => record.State;

    private bool Exists => State.Submission is not null;

    private bool IsFinished => State.State is JobState.Done or JobState.Failed or JobState.Cancelled;

    private IReadOnlyList<(MetatileCoord Metatile, TileRange Range)> Metatiles => _metatiles ??= JobTiling.Metatiles(State.Submission!.Spec);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _id = this.GetPrimaryKeyString();
        if (Exists && !IsFinished)
        {
            StartWork();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Progress so far is saved by the loop as it stops; the reminder or the next call resumes it.
        await StopWorkAsync(cancellationToken);
    }

    public async Task<JobStatus> StartAsync(JobSubmission submission)
    {
        if (!Exists)
        {
            var now = time.GetUtcNow();
            var spec = submission.Spec;
            _metatiles = JobTiling.Metatiles(spec);
            record.State = new JobRecord
            {
                Submission = submission,
                State = JobState.Queued,
                Created = now,
                Updated = now,
                DoneMetatiles = new byte[(_metatiles.Count + 7) / 8],
            };
            await record.WriteStateAsync();
            await GrainFactory.GetJobDirectory().AddAsync(_id, now);
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            LogSubmitted(_id, spec.Kind, spec.Style, spec.MinZoom, spec.MaxZoom, _metatiles.Count);
            StartWork();
        }

        return Status();
    }

    public Task<JobStatus?> GetStatusAsync() => Task.FromResult(Exists ? Status() : null);

    public async Task<JobStatus?> CancelAsync()
    {
        if (!Exists)
        {
            return null;
        }

        if (!IsFinished)
        {
            _cancelRequested = true;
            await StopWorkAsync(CancellationToken.None);
            if (!IsFinished)
            {
                await FinishAsync(JobState.Cancelled, null);
            }
        }

        return Status();
    }

    public async Task ResumeAsync()
    {
        if (Exists && IsFinished)
        {
            // A silo that died between finishing the job and telling the directory left it listed as unfinished.
            await GrainFactory.GetJobDirectory().FinishedAsync(_id);
        }
        else if (Exists)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            StartWork();
        }
    }

    public async Task ForgetAsync()
    {
        _cancelRequested = true;
        await StopWorkAsync(CancellationToken.None);
        await UnregisterReminderAsync();
        await record.ClearStateAsync();
        _metatiles = null;
        DeactivateOnIdle();
    }

    public void Dispose() => _stop?.Dispose();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Exists || IsFinished)
        {
            await UnregisterReminderAsync();
            return;
        }

        StartWork();
    }

    private void StartWork()
    {
        if (_work is { IsCompleted: false })
        {
            return;
        }

        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        _work = RunAsync(_stop.Token);
    }

    private async Task StopWorkAsync(CancellationToken cancellationToken)
    {
        if (_work is not { } work)
        {
            return;
        }

        await _stop!.CancelAsync();
        await work.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        // Let the call that started the loop answer first.
        await Task.Yield();
        var spec = State.Submission!.Spec;
        try
        {
            if (State.State == JobState.Queued)
            {
                State.State = JobState.Running;
                State.Started = State.Updated = time.GetUtcNow();
                await record.WriteStateAsync(CancellationToken.None);
            }

            if (spec.RendersTiles)
            {
                await RunTilesAsync(spec, stop);
            }

            if (spec.WritesTileTree)
            {
                JobTileTree.RemoveLeftovers(JobTileTree.Root(options.Value.JobFolder(_id)));
            }

            var steps = JobSteps.Of(State.Submission!);
            while (State.StepsDone < steps.Count)
            {
                var step = steps[State.StepsDone];
                KeepAlive();
                var file = await outputs.WriteAsync(_id, spec, step, stop);
                State.Outputs.Add(file);
                State.StepsDone++;
                State.Updated = time.GetUtcNow();
                await record.WriteStateAsync(CancellationToken.None);
            }

            await FinishAsync(JobState.Done, null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Save what is done. A cancel request finishes the job as cancelled; a deactivation leaves
            // it running, to be resumed.
            await record.WriteStateAsync(CancellationToken.None);
            if (_cancelRequested)
            {
                await FinishAsync(JobState.Cancelled, null);
            }
        }
        catch (Exception e) when (e is JobFailedException or IOException or UnauthorizedAccessException)
        {
            // Metatiles still in flight are not wanted any more.
            await _stop!.CancelAsync();
            LogFailed(e, _id);
            await FinishAsync(JobState.Failed, e.Message);
        }
        catch (Exception e)
        {
            // Unexpected (grain storage unreachable, say): the job stays running and the reminder
            // starts the loop again from the last saved progress.
            LogStalled(e, _id);
        }
    }

    private async Task RunTilesAsync(JobSpec spec, CancellationToken stop)
    {
        var metatiles = Metatiles;
        int concurrency = options.Value.Concurrency;
        var inFlight = new List<Task<(int Index, JobTilesResult Result)>>(concurrency);
        long lastPersist = time.GetTimestamp();
        int next = 0;
        while (true)
        {
            while (inFlight.Count < concurrency && next < metatiles.Count)
            {
                if (!State.IsDone(next))
                {
                    inFlight.Add(DoMetatileAsync(next, spec, stop));
                }

                next++;
            }

            if (inFlight.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            var (index, result) = await finished;
            State.MarkDone(index);
            State.MetatilesDone++;
            State.Renders += result.Rendered ? 1 : 0;
            State.Updated = time.GetUtcNow();
            metrics.MetatileDone(result.Rendered);
            if (time.GetElapsedTime(lastPersist) >= PersistEvery)
            {
                KeepAlive();
                await record.WriteStateAsync(CancellationToken.None);
                lastPersist = time.GetTimestamp();
            }
        }

        await record.WriteStateAsync(CancellationToken.None);
    }

    /// <summary>
    /// Has one metatile done by its grain. A full render queue is waited out (the job is the
    /// lowest priority there is); a failing render or an unreachable silo is tried a few times,
    /// then fails the job.
    /// </summary>
    private async Task<(int Index, JobTilesResult Result)> DoMetatileAsync(int index, JobSpec spec, CancellationToken stop)
    {
        var (metatile, range) = Metatiles[index];
        var grain = GrainFactory.GetMetatileGrain(new MetatileKey(spec.Style, 1, metatile));
        var request = new JobTileRequest(_id, range, spec.WritesTileTree);
        int failures = 0;
        while (true)
        {
            string reason;
            try
            {
                // Not cancelled with the job: a metatile in flight finishes and is stored, so a
                // resumed job reuses it instead of rendering it again; the job only stops waiting.
                var result = await grain.RenderForJobAsync(request, CancellationToken.None).WaitAsync(stop);
                if (result.Status == TileStatus.Ok)
                {
                    return (index, result);
                }

                if (result.Status == TileStatus.Overloaded)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stop);
                    continue;
                }

                reason = "its render failed";
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is OrleansException or TimeoutException)
            {
                reason = e.Message;
            }

            if (++failures >= MaxFailedAttempts)
            {
                throw new JobFailedException(string.Create(CultureInfo.InvariantCulture, $"metatile {metatile} could not be rendered after {failures} attempts: {reason}"));
            }

            LogMetatileRetry(_id, metatile, failures, reason);
            await Task.Delay(TimeSpan.FromSeconds(failures), time, stop);
        }
    }

    private async Task FinishAsync(JobState state, string? error)
    {
        State.State = state;
        State.Finished = State.Updated = time.GetUtcNow();
        if (error is not null)
        {
            State.Errors.Add(error);
        }

        await record.WriteStateAsync(CancellationToken.None);
        await GrainFactory.GetJobDirectory().FinishedAsync(_id);
        await UnregisterReminderAsync();
        metrics.JobFinished(state);
        LogFinished(_id, state, State.Renders, State.MetatilesDone);
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>A running job gets no calls for long stretches; it must not be collected as idle meanwhile.</summary>
    private void KeepAlive() => DelayDeactivation(TimeSpan.FromMinutes(10));

    private JobStatus Status()
    {
        var s = State;
        var submission = s.Submission!;
        var spec = submission.Spec;
        var steps = JobSteps.Of(submission);
        var progress = new List<JobProgress>();
        if (spec.RendersTiles)
        {
            progress.Add(new JobProgress("tiles", s.MetatilesDone, Metatiles.Count, "metatiles"));
        }

        foreach (var output in spec.Outputs)
        {
            int total = 0, done = 0;
            for (int i = 0; i < steps.Count; i++)
            {
                if (steps[i].Kind == output)
                {
                    total++;
                    done += i < s.StepsDone ? 1 : 0;
                }
            }

            progress.Add(new JobProgress(JobOutputKinds.Name(output), done, total, "files"));
        }

        return new JobStatus(_id, spec, s.State, [.. progress], s.Renders, s.Created, s.Started, s.Updated, s.Finished, Eta(progress), [.. s.Outputs], [.. s.Errors]);
    }

    /// <summary>The expected end, from the pace so far over all units (metatiles and files alike).</summary>
    private DateTimeOffset? Eta(List<JobProgress> progress)
    {
        if (State.State != JobState.Running || State.Started is not { } started)
        {
            return null;
        }

        long done = progress.Sum(p => p.Done), total = progress.Sum(p => p.Total);
        if (done == 0 || total == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var elapsed = now - started;
        return now + (elapsed * ((double)(total - done) / done));
    }

    [LoggerMessage(EventId = 2701, Level = LogLevel.Information, Message = "Job {Id}: {Kind} of {Style} z{MinZoom}-{MaxZoom}, {Metatiles} metatiles")]
    private partial void LogSubmitted(string id, JobKind kind, string style, int minZoom, int maxZoom, int metatiles);

    [LoggerMessage(EventId = 2703, Level = LogLevel.Information, Message = "Job {Id} {State}: {Renders} rendered of {Metatiles} metatiles")]
    private partial void LogFinished(string id, JobState state, long renders, long metatiles);

    [LoggerMessage(EventId = 2704, Level = LogLevel.Warning, Message = "Job {Id} failed")]
    private partial void LogFailed(Exception error, string id);

    [LoggerMessage(EventId = 2706, Level = LogLevel.Error, Message = "Job {Id} stopped unexpectedly; its reminder resumes it")]
    private partial void LogStalled(Exception error, string id);

    [LoggerMessage(EventId = 2705, Level = LogLevel.Information, Message = "Job {Id}: metatile {Metatile} attempt {Attempt} failed ({Reason}); trying again")]
    private partial void LogMetatileRetry(string id, MetatileCoord metatile, int attempt, string reason);
}
