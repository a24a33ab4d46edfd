using TileCluster.Cli.Tests.Infrastructure;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Tests.Shared;

namespace TileCluster.Cli.Tests.Replication;

/// <summary>
/// <c>tilecluster replicate</c> for real: the program in a child process, the real osm2pgsql
/// applying the sample diff (sequence 466354, from a local replication directory) to a scratch
/// PostGIS database with the Liechtenstein import.
/// </summary>
public sealed class ReplicateProcessTests
{
    // The sample diff, the planet's minutely diff of 2013-08-04, the day after the extract.
    private const long Sequence = ReplicationDirectory.FirstSequence;

    // A node the diff creates (in <create>): absent from the extract, present once the diff is applied.
    private const string CreatedNodeQuery = "SELECT count(*) FROM planet_osm_nodes WHERE id = 65990";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Applies_the_diff_keeps_the_expire_list_while_the_gateway_is_down_and_delivers_it_when_one_appears()
    {
        await using var db = await ScratchDatabase.CreateAsync(Cancel);
        using var dir = ReplicationDirectory.Create(Sequence);
        int port = Loopback.FreePort();
        Assert.Equal(0, await db.CountAsync(CreatedNodeQuery, Cancel));

        await using var run = CliProcess.Start(Arguments(dir, db, port, "--start-sequence", "466353", "--token", "test-token"));

        // osm2pgsql ran; the gateway is down, so the list is kept and the post retried.
        await run.WaitForOutputAsync("expiries of sequence 466354 not delivered", Patience, count: 2);
        Assert.Equal(1, await db.CountAsync(CreatedNodeQuery, Cancel));
        string state = dir.ReadStateText();
        Assert.Contains("sequenceNumber=466354\n", state, StringComparison.Ordinal);
        Assert.Contains("timestamp=2013-08-04T20\\:13\\:00Z\n", state, StringComparison.Ordinal);
        Assert.Contains("pendingExpire=466354\n", state, StringComparison.Ordinal);
        byte[] expireList = await File.ReadAllBytesAsync(dir.ExpireFile(Sequence), Cancel);
        var parsed = ExpireList.Parse(expireList);
        Assert.True(parsed.IsValid);
        Assert.NotEmpty(parsed.Tiles);
        // The default --expire-zooms: the deepest zoom only (the gateway derives the others).
        Assert.Equal([18], parsed.Tiles.Select(t => t.Z).Distinct());

        // A gateway appears on that port: the same list is delivered, the state advances.
        await using var gateway = await GatewayStandIn.StartAsync(port);
        await run.WaitForExitAsync(Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        var post = Assert.Single(gateway.Posts);
        Assert.Equal(expireList, post.Body);
        Assert.Equal("/admin/expire?wait=hot&timeout=120", post.PathAndQuery);
        Assert.Equal("Bearer test-token", post.Authorization);
        state = dir.ReadStateText();
        Assert.Contains("sequenceNumber=466354\n", state, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", state, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.ExpireFile(Sequence)), "a delivered expire list is deleted");
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.WorkDir, "diffs")));
        Assert.Contains($"sequence=466354 timestamp=2013-08-04T20:13:00Z lag=", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($" lines={parsed.Lines} ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(" delivered_ms=", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(" hot_ms=", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("up to date at sequence 466354", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_posts_the_pending_expire_list_first_and_does_not_run_osm2pgsql_again()
    {
        await using var db = await ScratchDatabase.CreateAsync(Cancel);
        using var dir = ReplicationDirectory.Create(Sequence);
        int port = Loopback.FreePort();
        byte[] expireList;
        await using (var first = CliProcess.Start(Arguments(dir, db, port, "--start-sequence", "466353")))
        {
            await first.WaitForOutputAsync("expiries of sequence 466354 not delivered", Patience);
            expireList = await File.ReadAllBytesAsync(dir.ExpireFile(Sequence), Cancel);

            first.Terminate();
            await first.WaitForExitAsync(Patience);

            Assert.True(first.ExitCode == 143, first.Output);
            Assert.Contains("stopped at sequence 466354; its expiries are pending", first.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("pendingExpire=466354\n", dir.ReadStateText(), StringComparison.Ordinal);

        // Were osm2pgsql run again for 466354, this damaged copy would make it fail.
        dir.PublishCorrupt(Sequence);
        await using var gateway = await GatewayStandIn.StartAsync(port);
        await using var second = await CliProcess.RunAsync(Arguments(dir, db, port), Patience);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("sequence 466354 was applied but its expiries were not delivered: posting them first", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("osm2pgsql", second.Stdout + second.Stderr, StringComparison.Ordinal);
        Assert.Equal(expireList, Assert.Single(gateway.Posts).Body);
        Assert.DoesNotContain("pending", dir.ReadStateText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_the_gateway_finds_too_large_is_posted_in_halves_and_nothing_is_rejected()
    {
        const int limit = 1024;
        await using var db = await ScratchDatabase.CreateAsync(Cancel);
        using var dir = ReplicationDirectory.Create(Sequence);
        int port = Loopback.FreePort();
        await using var gateway = await GatewayStandIn.StartAsync(port, maxBodyBytes: limit);

        await using var run = await CliProcess.RunAsync(Arguments(dir, db, port, "--start-sequence", "466353"), Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("posting them in halves", run.Stderr + run.Stdout, StringComparison.Ordinal);
        var refused = gateway.Posts.Where(p => p.Body.Length > limit).ToList();
        var accepted = gateway.Posts.Where(p => p.Body.Length <= limit).ToList();
        Assert.NotEmpty(refused);
        Assert.True(accepted.Count > 1, $"{accepted.Count} accepted posts");

        // Every line arrives once, in order, in whole lines.
        byte[] delivered = [.. accepted.SelectMany(p => p.Body)];
        var list = ExpireList.Parse(delivered);
        Assert.True(list.IsValid);
        Assert.Equal(refused[0].Body, delivered);
        Assert.All(accepted, p => Assert.Equal((byte)'\n', p.Body[^1]));
        Assert.DoesNotContain("pending", dir.ReadStateText(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.WorkDir, "expire", "rejected")) && Directory.EnumerateFiles(Path.Combine(dir.WorkDir, "expire", "rejected")).Any(), "nothing is rejected");
    }

    [Fact]
    public async Task A_failing_osm2pgsql_run_is_retried_and_the_state_does_not_pass_it()
    {
        await using var db = await ScratchDatabase.CreateAsync(Cancel);
        using var dir = ReplicationDirectory.CreateEmpty().PublishCorrupt(Sequence);

        await using var run = CliProcess.Start(Arguments(dir, db, Loopback.FreePort(), "--start-sequence", "466353"));
        await run.WaitForOutputAsync("osm2pgsql failed on sequence 466354", Patience, count: 2);

        // osm2pgsql's own words are in the log; the diff is neither skipped nor recorded.
        Assert.Contains("XML parsing error", run.Stderr, StringComparison.Ordinal);
        string state = dir.ReadStateText();
        Assert.Contains("sequenceNumber=466353\n", state, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", state, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.ExpireFile(Sequence)));
        Assert.Equal(0, await db.CountAsync(CreatedNodeQuery, Cancel));

        // Once the source has a good copy, the next attempt downloads it again and applies it.
        dir.Publish(Sequence);
        await run.WaitForOutputAsync("expiries of sequence 466354 not delivered", Patience);

        state = dir.ReadStateText();
        Assert.Contains("sequenceNumber=466354\n", state, StringComparison.Ordinal);
        Assert.Contains("pendingExpire=466354\n", state, StringComparison.Ordinal);
        Assert.Equal(1, await db.CountAsync(CreatedNodeQuery, Cancel));
        run.Terminate();
        await run.WaitForExitAsync(Patience);
        Assert.True(run.ExitCode == 143, run.Output);
    }

    [Fact]
    public async Task Metrics_reach_an_OTLP_collector_when_one_is_configured()
    {
        await using var db = await ScratchDatabase.CreateAsync(Cancel);
        using var dir = ReplicationDirectory.Create(Sequence);
        await using var collector = await OtlpCollector.StartAsync(Loopback.FreePort());
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "60000",
        };

        await using var run = CliProcess.Start(Arguments(dir, db, Loopback.FreePort(), "--start-sequence", "466353"), environment);
        await run.WaitForOutputAsync("expiries of sequence 466354 not delivered", Patience, count: 2);
        run.Terminate();
        await run.WaitForExitAsync(Patience);

        // Stopping flushes the metrics: the sequence gauge holds 466354, one applied, failed posts counted.
        byte[] export = collector.Received;
        foreach (string name in new[] { "tilecluster.replication.sequence", "tilecluster.replication.lag", "tilecluster.replication.applied", "tilecluster.replication.delivery.failures" })
        {
            Assert.True(OtlpCollector.Contains(export, System.Text.Encoding.UTF8.GetBytes(name)), $"{name} was not exported\n{run.Output}");
        }

        // NumberDataPoint.as_int (field 6, fixed64) = 466354.
        Assert.True(OtlpCollector.Contains(export, [0x31, .. BitConverter.GetBytes(466354L)]), "the sequence gauge does not hold 466354");
        Assert.Contains("service.name", System.Text.Encoding.UTF8.GetString(export), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follows_an_http_replication_server_and_waits_for_a_diff_not_published_yet()
    {
        await using var db = await ScratchDatabase.CreateAsync(Cancel);
        using var dir = ReplicationDirectory.Create(Sequence);
        File.Delete(dir.ChangeFile(Sequence));
        await using var server = await StaticFileServer.StartAsync(dir.Source, Loopback.FreePort());
        var arguments = Arguments(dir, db, Loopback.FreePort(), "--start-sequence", "466353");
        arguments[arguments.IndexOf("--source") + 1] = server.Url;

        await using var run = CliProcess.Start(arguments);
        await run.WaitForOutputAsync("downloading sequence 466354 failed", Patience, count: 2);

        Assert.Contains($"{server.Url}/000/466/354.osc.gz is not there (404)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("sequenceNumber=466353\n", dir.ReadStateText(), StringComparison.Ordinal);

        // Published: the next attempt downloads and applies it.
        dir.Publish(Sequence);
        await run.WaitForOutputAsync("expiries of sequence 466354 not delivered", Patience);

        Assert.Contains("sequenceNumber=466354\n", dir.ReadStateText(), StringComparison.Ordinal);
        Assert.Equal(1, await db.CountAsync(CreatedNodeQuery, Cancel));
        run.Terminate();
        await run.WaitForExitAsync(Patience);
    }

    private static List<string> Arguments(ReplicationDirectory dir, ScratchDatabase db, int port, params string[] more) =>
    [
        "replicate", "--source", dir.Source, "--state", dir.StateFile, "--work-dir", dir.WorkDir,
        "--database", db.ConnectionString, "--gateway", $"http://127.0.0.1:{port}",
        "--once", "--max-backoff", "1s", .. more,
    ];
}
