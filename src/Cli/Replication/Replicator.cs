using System.Globalization;
using System.Text;
using TileCluster.Cli.Expire;
using TileCluster.Cli.Infrastructure;
using TileCluster.Grains.Abstractions.Expiry;

namespace TileCluster.Cli.Replication;

/// <summary>What the replication loop does besides talking to osm2pgsql, the source and the gateway.</summary>
/// <param name="StateFile">The replication state file.</param>
/// <param name="WorkDir">Downloaded diffs (diffs/), pending expire lists (expire/), refused ones (expire/rejected/).</param>
/// <param name="Query">What the expire posts ask for.</param>
/// <param name="ChunkLines">Lines per expire post.</param>
/// <param name="Interval">The wait between looks at the source when caught up.</param>
/// <param name="MaxBackoff">The longest wait between retries.</param>
/// <param name="Once">Apply what is available, then stop.</param>
/// <param name="MaxSequences">Stop after applying this many.</param>
public sealed record ReplicatorSettings(
    string StateFile, string WorkDir, ExpireQuery Query, int ChunkLines, TimeSpan Interval, TimeSpan MaxBackoff, bool Once, int? MaxSequences);

/// <summary>
/// The replication loop: per sequence, download the diff, apply it with osm2pgsql (retrying,
/// never skipping), record it as applied with its expiries pending, post the expire list to the
/// gateway (retrying), then record it as delivered. The state file is replaced atomically at each
/// step, so a restart at any point resumes correctly: a pending expire list is posted first, then
/// the next sequence is applied.
/// </summary>
public sealed class Replicator(
    ReplicatorSettings settings,
    ReplicationSource source,
    Osm2pgsqlRunner osm2pgsql,
    GatewayClient gateway,
    ReplicationMetrics metrics,
    ConsoleLog log,
    TimeProvider time)
{
    // One schedule per kind of failure, so that a success of one kind does not reset another.
    private readonly RetrySchedule _sourceRetries = new(settings.MaxBackoff);
    private readonly RetrySchedule _osm2pgsqlRetries = new(settings.MaxBackoff);
    private readonly RetrySchedule _deliveryRetries = new(settings.MaxBackoff);

    /// <summary>The state as last written.</summary>
    public ReplicationState? State { get; private set; }

    private string DiffDir => Path.Combine(settings.WorkDir, "diffs");

    private string ExpireDir => Path.Combine(settings.WorkDir, "expire");

    private string RejectedDir => Path.Combine(ExpireDir, "rejected");

    /// <summary>The expire list osm2pgsql writes for <paramref name="sequence"/>.</summary>
    public static string ExpireFile(string workDir, long sequence) =>
        Path.Combine(workDir, "expire", sequence.ToString(CultureInfo.InvariantCulture) + ".list");

    /// <summary>
    /// Runs until caught up (<see cref="ReplicatorSettings.Once"/>), until
    /// <see cref="ReplicatorSettings.MaxSequences"/> were applied, or until <paramref name="stopping"/>;
    /// <paramref name="kill"/> also kills a running osm2pgsql. Returns the exit code (<paramref name="stoppedExitCode"/> when stopped).
    /// </summary>
    public async Task<int> RunAsync(ReplicationState initial, Func<int> stoppedExitCode, CancellationToken stopping, CancellationToken kill)
    {
        Directory.CreateDirectory(DiffDir);
        Directory.CreateDirectory(ExpireDir);
        State = initial;
        metrics.SetState(initial);
        try
        {
            if (initial.PendingExpire is { } pending)
            {
                log.Info($"sequence {pending} was applied but its expiries were not delivered: posting them first");
                var delivery = await DeliverAsync(stopping);
                LogSequence(pending, initial.Timestamp, null, delivery);
            }

            return await LoopAsync(stopping, kill);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            var state = State!;
            log.Info(state.PendingExpire is { } p
                ? $"stopped at sequence {state.Sequence}; its expiries are pending in {ExpireFile(settings.WorkDir, p)} and are posted at the next start"
                : $"stopped at sequence {state.Sequence}");
            return stoppedExitCode();
        }
        catch (ReplicationStoppedException e)
        {
            log.Error(e.Message);
            return e.ExitCode;
        }
    }

    private async Task<int> LoopAsync(CancellationToken stopping, CancellationToken kill)
    {
        long latest = -1;
        int applied = 0;
        while (true)
        {
            if (settings.MaxSequences is { } max && applied >= max)
            {
                log.Info($"applied {applied} sequences (--max-sequences); stopping at sequence {State!.Sequence}");
                return ExitCodes.Success;
            }

            if (State!.Sequence >= latest)
            {
                latest = (await RetryAsync($"reading the latest state from {source.Location}", () => source.GetLatestAsync(stopping), stopping)).Sequence;
                if (State.Sequence >= latest)
                {
                    if (settings.Once)
                    {
                        log.Info($"up to date at sequence {State.Sequence} ({source.Location} has {latest})");
                        return ExitCodes.Success;
                    }

                    await Task.Delay(settings.Interval, time, stopping);
                    continue;
                }
            }

            await ApplyNextAsync(stopping, kill);
            applied++;
        }
    }

    private async Task ApplyNextAsync(CancellationToken stopping, CancellationToken kill)
    {
        long sequence = State!.Sequence + 1;
        string name = sequence.ToString(CultureInfo.InvariantCulture);
        string diff = Path.Combine(DiffDir, name + ".osc.gz");
        string expireFile = ExpireFile(settings.WorkDir, sequence);

        // Download and apply until osm2pgsql succeeds: a failure is retried with backoff, never
        // skipped. Each attempt downloads afresh, in case the copy was damaged.
        ReplicationState sequenceState;
        DateTimeOffset arrival;
        Osm2pgsqlRun run;
        while (true)
        {
            // The sequence's own state first: its timestamp, and a check that it is the sequence asked for.
            sequenceState = await RetryAsync($"reading the state of sequence {sequence}", async () =>
            {
                var s = await source.GetStateAsync(sequence, stopping);
                return s.Sequence == sequence
                    ? s
                    : throw new ReplicationSourceException($"{SequencePath.Format(sequence)}.state.txt says sequenceNumber={s.Sequence}, not {sequence}");
            }, stopping);
            await RetryAsync($"downloading sequence {sequence}", async () =>
            {
                await source.DownloadDiffAsync(sequence, diff, stopping);
                return true;
            }, stopping);
            arrival = time.GetUtcNow();

            run = await osm2pgsql.RunAsync(diff, expireFile, kill);
            if (run.Succeeded)
            {
                _osm2pgsqlRetries.Reset();
                break;
            }

            metrics.Osm2pgsqlFailures.Add(1);
            var delay = _osm2pgsqlRetries.NextDelay();
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"osm2pgsql failed on sequence {sequence} (exit code {run.ExitCode}, attempt {_osm2pgsqlRetries.Failures}); retrying in {Durations.Format(delay)}. Its last output:");
            foreach (string line in run.OutputTail)
            {
                message.Append("\n    ").Append(line);
            }

            log.Error(message.ToString());
            await Task.Delay(delay, time, stopping);
        }

        // Applied: from here a restart must not run osm2pgsql for it again, but must post its expiries.
        SaveState(new ReplicationState(sequence, sequenceState.Timestamp, sequence, arrival));
        metrics.Applied.Add(1);
        File.Delete(diff);

        var delivery = await DeliverAsync(stopping);
        LogSequence(sequence, sequenceState.Timestamp, run, delivery);
    }

    private async Task<T> RetryAsync<T>(string what, Func<Task<T>> action, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                var result = await action();
                _sourceRetries.Reset();
                return result;
            }
            catch (ReplicationSourceException e)
            {
                var delay = _sourceRetries.NextDelay();
                log.Warn($"{what} failed (attempt {_sourceRetries.Failures}): {e.Message}; retrying in {Durations.Format(delay)}");
                await Task.Delay(delay, time, stopping);
            }
        }
    }

    private sealed record Delivery(ExpireTotals? Totals, int Lines, DateTimeOffset? Arrival, bool Rejected);

    // Posts the pending expire list of State, retrying until the gateway takes it; then clears the pending mark.
    private async Task<Delivery> DeliverAsync(CancellationToken stopping)
    {
        var state = State!;
        long sequence = state.PendingExpire!.Value;
        string file = ExpireFile(settings.WorkDir, sequence);
        byte[] bytes;
        if (File.Exists(file))
        {
            bytes = await File.ReadAllBytesAsync(file, stopping);
        }
        else
        {
            log.Warn($"there is no expire list for sequence {sequence} ({file}): nothing to expire");
            bytes = [];
        }

        var list = ExpireList.Parse(bytes);
        if (!list.IsValid)
        {
            string errors = string.Join("; ", list.Errors.Take(5).Select(e => $"{file}:{e.Line}: {e.Reason}"));
            Reject(sequence, file, $"the expire list of sequence {sequence} is malformed ({list.ErrorCount} bad lines: {errors})");
            return new Delivery(null, list.Lines, state.PendingArrival, Rejected: true);
        }

        var totals = new ExpireTotals();
        if (list.Tiles.Count > 0)
        {
            foreach (var chunk in ExpireChunks.Split(bytes, settings.ChunkLines))
            {
                if (!await PostChunkAsync(sequence, file, chunk, totals, stopping))
                {
                    return new Delivery(totals, list.Lines, state.PendingArrival, Rejected: true);
                }
            }
        }

        // State first: a crash in between leaves a stray file rather than a pending mark without its list.
        SaveState(state with { PendingExpire = null, PendingArrival = null });
        File.Delete(file);
        return new Delivery(totals, list.Lines, state.PendingArrival, Rejected: false);
    }

    // True when delivered; false when the gateway refused it for good (the list went to rejected/).
    private async Task<bool> PostChunkAsync(long sequence, string file, ExpireChunk chunk, ExpireTotals totals, CancellationToken stopping)
    {
        while (true)
        {
            var result = await gateway.PostAsync(chunk.Body, settings.Query, stopping);
            switch (result.Outcome)
            {
                case ExpireOutcome.Delivered:
                    _deliveryRetries.Reset();
                    totals.Add(result.Response!, result.SentAt, time.GetUtcNow());
                    return true;
                case ExpireOutcome.Unavailable:
                {
                    metrics.DeliveryFailures.Add(1);
                    var delay = _deliveryRetries.NextDelay();
                    if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                    {
                        delay = retryAfter < settings.MaxBackoff ? retryAfter : settings.MaxBackoff;
                    }

                    log.Warn($"expiries of sequence {sequence} not delivered (attempt {_deliveryRetries.Failures}): {result.Message}; retrying in {Durations.Format(delay)}, the list stays in {file}");
                    await Task.Delay(delay, time, stopping);
                    break;
                }

                case ExpireOutcome.Unauthorized:
                    metrics.DeliveryFailures.Add(1);
                    throw new ReplicationStoppedException(ExitCodes.Unauthorized, $"the gateway refused the admin token: {result.Message} ({(gateway.HasToken ? "check --token / TILECLUSTER_ADMIN_TOKEN" : "no token given: use --token or TILECLUSTER_ADMIN_TOKEN")}); the expiries of sequence {sequence} stay pending in {file}");
                case ExpireOutcome.BadRequest when result.Problem?.Errors is { Count: > 0 } lines:
                {
                    metrics.DeliveryFailures.Add(1);
                    string errors = string.Join("; ", lines.Take(5).Select(e => $"{file}:{chunk.FirstLine - 1 + e.Line}: {e.Reason}"));
                    Reject(sequence, file, $"the gateway refused the expire list of sequence {sequence}: {result.Message} ({errors})");
                    return false;
                }

                case ExpireOutcome.TooLarge when chunk.LineCount > 1:
                {
                    // Over the gateway's body or expansion limit: halves may pass. Expiry is idempotent,
                    // and a 413 applied nothing, so nothing is marked twice.
                    log.Warn($"the gateway found {chunk.LineCount} lines of sequence {sequence} too large ({result.Message}); posting them in halves");
                    foreach (var half in ExpireChunks.Split(chunk.Body, (chunk.LineCount + 1) / 2))
                    {
                        if (!await PostChunkAsync(sequence, file, half with { FirstLine = chunk.FirstLine + half.FirstLine - 1 }, totals, stopping))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                case ExpireOutcome.TooLarge:
                    metrics.DeliveryFailures.Add(1);
                    Reject(sequence, file, $"the gateway refused the expire list of sequence {sequence} as too large even as a single line: {result.Message}");
                    return false;
                default:
                    // A 400 without line errors (an unknown style, a bad zoom) or another 4xx (not a TileCluster gateway?) would refuse every list alike.
                    metrics.DeliveryFailures.Add(1);
                    throw new ReplicationStoppedException(ExitCodes.BadInput, $"the gateway refused the expire request: {result.Message} (POST {gateway.RequestUri(settings.Query)}); check --gateway, --style, --min-zoom and --max-zoom. The expiries of sequence {sequence} stay pending in {file}");
            }
        }
    }

    private void Reject(long sequence, string file, string message)
    {
        Directory.CreateDirectory(RejectedDir);
        string kept = Path.Combine(RejectedDir, Path.GetFileName(file));
        if (File.Exists(file))
        {
            File.Move(file, kept, overwrite: true);
        }

        log.Error($"{message}. THESE TILES ARE NOT EXPIRED. The list is kept in {kept}; replication goes on.");
        SaveState(State! with { PendingExpire = null, PendingArrival = null });
    }

    private void SaveState(ReplicationState state)
    {
        state.Write(settings.StateFile);
        State = state;
        metrics.SetState(state);
    }

    private void LogSequence(long sequence, DateTimeOffset? timestamp, Osm2pgsqlRun? run, Delivery delivery)
    {
        var now = time.GetUtcNow();
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"sequence={sequence}");
        line.Append(" timestamp=").Append(timestamp is { } t ? ReplicationState.FormatTimestamp(t) : "-");
        line.Append(" lag=").Append(timestamp is { } ts ? Durations.Format(now - ts) : "-");
        if (run is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" osm2pgsql_ms={run.Duration.TotalMilliseconds:0}");
        }

        line.Append(CultureInfo.InvariantCulture, $" lines={delivery.Lines}");
        var totals = delivery.Totals;
        if (delivery.Rejected)
        {
            line.Append(" delivered=rejected");
        }
        else if (totals is null || totals.Chunks == 0)
        {
            line.Append(" delivered=nothing-to-expire dirtied=0");
        }
        else
        {
            line.Append(CultureInfo.InvariantCulture, $" metatiles={totals.Metatiles} dirtied={totals.Dirtied}");
            if (delivery.Arrival is { } arrival && totals.DeliveredAt is { } deliveredAt)
            {
                var delivered = deliveredAt - arrival;
                line.Append(CultureInfo.InvariantCulture, $" delivered_ms={delivered.TotalMilliseconds:0}");
                metrics.DeliveryDuration.Record(delivered.TotalSeconds);
            }

            if (settings.Query.WaitHot)
            {
                if (totals.HotRenderedAt is { } hotAt && delivery.Arrival is { } a && !totals.HotTimedOut)
                {
                    var hot = hotAt - a;
                    line.Append(CultureInfo.InvariantCulture, $" hot_ms={hot.TotalMilliseconds:0} hot_rendered={totals.HotRendered ?? 0}");
                    metrics.HotRerenderDuration.Record(hot.TotalSeconds);
                }
                else if (totals.HotTimedOut)
                {
                    line.Append(" hot_ms=timeout");
                }
            }
        }

        log.Info(line.ToString());
    }
}
