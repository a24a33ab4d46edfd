using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>
/// PostgreSQL stops. Membership lives in Redis, so the silos stay members and only renders stop:
/// stored tiles keep flowing, misses get 503 + Retry-After, and renders recover by themselves.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class DatabaseOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task DatabaseStopped_StoredTilesServed_MissesGet503_ThenRecovers()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var cluster = await TestCluster.StartAsync(
            silos: 2,
            new Dictionary<string, string> { ["TILECLUSTER_Database__ConnectionString"] = postgres.ConnectionString, ["TILECLUSTER_Cache__Chains__default__0__Kind"] = "none" });

        // Render two metatiles while the database is up.
        foreach (string path in new[] { "/osm/15/17248/11496.png", "/osm/15/17248/11504.png" })
        {
            using var response = await cluster.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        long rendersBefore = await cluster.RendersAsync();
        await postgres.StopAsync();

        // Other tiles of the stored metatiles come from the store (hot cache off, so through the grains).
        foreach (string path in new[] { "/osm/15/17249/11497.png", "/osm/15/17255/11511.png" })
        {
            using var stored = await cluster.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        using (var miss = await cluster.Client.GetAsync(new Uri("/osm/15/17240/11504.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, miss.StatusCode);
            Assert.NotNull(miss.Headers.RetryAfter);
        }

        // The outage does not touch membership: both silos stay active, and nothing rendered.
        await cluster.WaitForActiveSilosAsync(2);
        Assert.Equal(rendersBefore, await cluster.RendersAsync());

        await postgres.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status = 0;
        while (DateTime.UtcNow < deadline && status != HttpStatusCode.OK)
        {
            await Task.Delay(500, Cancel);
            using var retry = await cluster.Client.GetAsync(new Uri("/osm/15/17240/11504.png", UriKind.Relative), Cancel);
            status = retry.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(rendersBefore + 1, await cluster.RendersAsync());
        await cluster.WaitForActiveSilosAsync(2);
    }
}
