using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Export;

/// <summary>The per-client concurrency limit on exports, with a cluster of its own.</summary>
public sealed class ExportRateLimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_BeyondConcurrentPerClient_Is429WithRetryAfter_TilesAreNotLimited()
    {
        await using var cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["TILECLUSTER_Export__ConcurrentPerClient"] = "1",
            ["TILECLUSTER_Render__Threads"] = "1",
        });

        // Several large exports at once from one client: the limiter lets one run and refuses the rest.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            using var response = await cluster.Client.GetAsync(
                new Uri($"/osm/export?bbox=9.50,47.10,9.56,47.18&width={2000 + i}&format=png", UriKind.Relative), Cancel);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta);
        }));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.RetryAfter > TimeSpan.Zero));

        var tiles = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            using var response = await cluster.Client.GetAsync(new Uri($"/osm/14/{8624 + i}/5753.png", UriKind.Relative), Cancel);
            return response.StatusCode;
        }));
        Assert.All(tiles, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
