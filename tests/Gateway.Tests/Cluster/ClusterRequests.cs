using System.Globalization;
using System.Net;
using System.Text;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>Tile paths, settings and checks that the cluster tests share.</summary>
internal static class ClusterRequests
{
    /// <summary>
    /// Membership tests under load turn the gateway's hot cache off, so every request reaches a
    /// grain: otherwise tiles rendered before the change are answered from the gateway's memory,
    /// and a silo joining or leaving would go unnoticed by the load.
    /// </summary>
    public static readonly Dictionary<string, string> NoHotCache = new() { ["TILECLUSTER_Cache__Chains__default__0__Kind"] = "none" };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Top-left tiles of <paramref name="count"/> metatiles at z15 over Liechtenstein.</summary>
    public static List<string> MetatilePaths(int count, int z = 15, int x0 = 17232, int y0 = 11488) =>
        [.. Enumerable.Range(0, count).Select(i => $"/osm/{z}/{x0 + ((i % 6) * 8)}/{y0 + ((i / 6) * 8)}.png")];

    /// <summary>
    /// Asserts that every path is served, as a client that honours <c>Retry-After</c> sees it: a
    /// 503 is the cluster's designed answer to a full render queue, so it is asked again (twice
    /// at most) after the time the answer names.
    /// </summary>
    public static async Task AssertAllServedAsync(TestCluster cluster, IEnumerable<string> paths) =>
        await AssertAllServedAsync(cluster.Client, paths);

    /// <inheritdoc cref="AssertAllServedAsync(TestCluster, IEnumerable{string})"/>
    public static async Task AssertAllServedAsync(HttpClient client, IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            for (int attempt = 1; ; attempt++)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 3 && response.Headers.RetryAfter?.Delta is { } wait)
                {
                    await Task.Delay(wait, Cancel);
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} (attempt {attempt})");
                break;
            }
        }
    }

    /// <summary>
    /// When the load last saw an error, in seconds after <paramref name="eventAt"/> (by the time
    /// the failed request started), or null when it saw none after it.
    /// </summary>
    public static double? LastErrorAfter(IReadOnlyList<LoadLoop.Sample> samples, double eventAt) =>
        samples.Where(s => !s.Ok && s.Started + s.Seconds >= eventAt).Select(s => (double?)(s.Started - eventAt)).Max();

    /// <summary>
    /// When the load last finished a stalled request (one that took longer than
    /// <see cref="Stalled"/>), in seconds after <paramref name="eventAt"/>, or null when none stalled.
    /// </summary>
    public static double? LastStallEndedAfter(IReadOnlyList<LoadLoop.Sample> samples, double eventAt) =>
        samples.Where(s => s.Seconds > Stalled.TotalSeconds && s.Started + s.Seconds >= eventAt).Select(s => (double?)(s.Started + s.Seconds - eventAt)).Max();

    /// <summary>
    /// A request for a stored tile that takes longer than this is a failure to the map user even
    /// if it ends in a 200 (tiles take milliseconds here, even on a loaded machine).
    /// </summary>
    public static TimeSpan Stalled { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Asserts that every request started more than <paramref name="limitSeconds"/> after the event
    /// succeeded (the targets are about errors: non-200s and timed-out requests), and
    /// prints what the load saw, stalls included.
    /// </summary>
    public static void AssertErrorsStopWithin(string what, IReadOnlyList<LoadLoop.Sample> samples, double eventAt, double limitSeconds)
    {
        double? lastError = LastErrorAfter(samples, eventAt);
        double? lastStall = LastStallEndedAfter(samples, eventAt);
        string report = string.Create(CultureInfo.InvariantCulture,
            $"{what}: {samples.Count(s => !s.Ok && s.Started + s.Seconds >= eventAt)} errors, the last started {(lastError is { } e ? $"{e:F1} s" : "never")} after it; the last stalled request (> {Stalled.TotalSeconds} s) ended {(lastStall is { } l ? $"{l:F1} s" : "never")} after it\n{Timeline(samples, eventAt)}");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.DoesNotContain(samples, s => !s.Ok && s.Started + s.Seconds < eventAt);
        Assert.Contains(samples, s => s.Started > eventAt + limitSeconds + 5);
        Assert.False(samples.Any(s => s.Started > eventAt + limitSeconds && !s.Ok), $"errors more than {limitSeconds} s after the event:\n{report}");
    }

    /// <summary>A per-second account of the load around an event, for the test output.</summary>
    public static string Timeline(IReadOnlyList<LoadLoop.Sample> samples, double eventAt)
    {
        var text = new StringBuilder();
        foreach (var second in samples.GroupBy(s => (int)Math.Floor(s.Started - eventAt)).OrderBy(g => g.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"t{second.Key:+0;-0}s: {second.Count()} requests, {second.Count(s => !s.Ok)} failed, max {second.Max(s => s.Seconds):F1} s\n");
        }

        foreach (var failed in samples.Where(s => !s.Ok).Take(5))
        {
            text.Append(CultureInfo.InvariantCulture, $"  failed at t{failed.Started - eventAt:+0.0;-0.0}s after {failed.Seconds:F1} s: {failed.Status?.ToString() ?? failed.Error}\n");
        }

        return text.ToString();
    }
}
