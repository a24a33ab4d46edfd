using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Http;

/// <summary>Overload and failure are explicit: 503 with Retry-After, never a hang or a 500; stored tiles outlive the process.</summary>
public sealed class DegradationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_QueueFull_Answers503WithRetryAfter_AndKeepsServing()
    {
        await using var gateway = await TestCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["TILECLUSTER_Render__Threads"] = "1",
            ["TILECLUSTER_Render__QueueCapacity"] = "1",
            ["TILECLUSTER_Render__RetryAfter"] = "00:00:07",
        });

        // 24 misses on distinct z16 metatiles at once: one renders, one waits, the rest are refused.
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await gateway.Client.GetAsync(new Uri($"/osm/16/{34400 + (i * 8)}/23008.png", UriKind.Relative), Cancel);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta);
        }));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(7), r.RetryAfter));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, r.StatusCode.ToString()));

        Assert.True((await gateway.SiloStatusAsync())[0].GetProperty("rejected").GetInt64() >= refused.Count);

        using var after = await gateway.Client.GetAsync(new Uri("/osm/16/34400/23008.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Get_NoSiloReachable_Answers503Fast_AndStaysHealthy()
    {
        // A gateway whose Redis (and so membership) is unreachable knows no silo.
        await using var gateway = NodeProcess.Start("gateway", RepositoryPaths.GatewayDll, Loopback.FreePort(), new Dictionary<string, string>
        {
            ["TILECLUSTER_Cluster__Redis"] = $"127.0.0.1:{Loopback.FreePort()}",
            ["TILECLUSTER_Cluster__ClusterId"] = $"test-{Guid.NewGuid():N}",
        });
        await gateway.WaitForAsync("/healthz", TimeSpan.FromSeconds(60));

        using var response = await gateway.Client.GetAsync(new Uri("/osm/14/8625/5753.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("cannot be rendered now", await response.Content.ReadAsStringAsync(Cancel));

        using var ready = await gateway.Client.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var health = await gateway.Client.GetAsync(new Uri("/healthz", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Get_AfterRestart_ServesStoredTileWithoutRendering()
    {
        string store = Directory.CreateTempSubdirectory("tilecluster-restart-").FullName;
        try
        {
            byte[] first;
            string? etag;
            await using (var gateway = await TestCluster.StartAsync(1, storeRoot: store))
            {
                using var response = await gateway.Client.GetAsync(new Uri("/osm/15/17250/11506.png", UriKind.Relative), Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                first = await response.Content.ReadAsByteArrayAsync(Cancel);
                etag = response.Headers.ETag?.Tag;
            }

            await using var restarted = await TestCluster.StartAsync(1, storeRoot: store);
            using var again = await restarted.Client.GetAsync(new Uri("/osm/15/17250/11506.png", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(first, await again.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Equal(etag, again.Headers.ETag?.Tag);
            Assert.Equal(0, await restarted.RendersAsync());
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }
}
