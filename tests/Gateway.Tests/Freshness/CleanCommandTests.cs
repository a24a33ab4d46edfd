using System.Net;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Freshness;

/// <summary>
/// <c>tilecluster clean</c> against a real cluster: expire mode leaves the box's stored metatiles
/// dirty; delete mode removes them from the store and the gateway's cache, so they render again.
/// </summary>
public sealed class CleanCommandTests(ExpireFixture fixture) : IClassFixture<ExpireFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Clean_Delete_RemovesTheBoxFromStoreAndCache_AndTheTilesRenderAgain()
    {
        // Vaduz: one metatile at each of z15 and z16.
        TileCoord[] tiles = [TileCoord.Create(15, 17250, 11506), TileCoord.Create(16, 34501, 23013)];
        foreach (var tile in tiles)
        {
            for (int i = 0; i < 2; i++)
            {
                // Twice: the second answer comes from the gateway's cache.
                using var response = await fixture.Client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.True(File.Exists(PathOf(tile)), $"{tile} should be stored");
        }

        // A stored metatile outside the box, which must stay.
        var outside = TileCoord.Create(16, 34480, 23013);
        using (var response = await fixture.Client.GetAsync(new Uri($"/osm/{outside}.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await fixture.Cluster.WaitForIdleAsync();
        long rendersBefore = await fixture.Cluster.RendersAsync();

        await using var run = await CliProcess.RunAsync(Args("--layer", "osm", "--bbox", "9.52,47.138,9.525,47.142", "--zooms", "15-16", "--delete", "--token", ExpireFixture.Token), Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("z15: 1 metatiles: 1 deleted, 1 not stored", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("z16: 1 metatiles: 1 deleted, 1 not stored", run.Stdout, StringComparison.Ordinal);
        foreach (var tile in tiles)
        {
            Assert.False(File.Exists(PathOf(tile)), $"{tile} should be gone from the store");
        }

        Assert.True(File.Exists(PathOf(outside)), "the metatile outside the box should stay");

        // Not from the gateway's cache either: each is rendered again, and stored again.
        foreach (var tile in tiles)
        {
            using var response = await fixture.Client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(File.Exists(PathOf(tile)), $"{tile} should be stored again");
        }

        Assert.Equal(rendersBefore + tiles.Length, await fixture.Cluster.RendersAsync());
    }

    [Fact]
    public async Task Clean_Expire_MarksTheBoxDirty_AndKeepsTheTiles()
    {
        // Schaan, at a cold zoom (the fixture's hot zooms end at 14), so nothing re-renders at once.
        var tile = TileCoord.Create(16, 34499, 23006);
        using (var response = await fixture.Client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var run = await CliProcess.RunAsync(Args("--layer", "osm", "--bbox", "9.509,47.165,9.511,47.166", "--zooms", "16", "--token", ExpireFixture.Token), Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("z16: 1 metatiles: 1 marked dirty, 1 not stored", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(DirtyRule.ExpiredMtime.UtcDateTime, File.GetLastWriteTimeUtc(PathOf(tile)));
    }

    [Theory]
    [InlineData("nope", ExpireFixture.Token, 2, "layer 'nope' is not configured")]
    [InlineData("osm", "not-the-token", 4, "not the configured admin token")]
    public async Task Clean_Refused_ExitsWithTheGatewaysReason(string layer, string token, int exitCode, string reason)
    {
        await using var run = await CliProcess.RunAsync(Args("--layer", layer, "--bbox", "9.52,47.138,9.525,47.142", "--zooms", "16", "--delete", "--token", token), Patience);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
    }

    private string PathOf(TileCoord tile) => Path.Combine(fixture.Cluster.StoreRoot, MetaPath.Relative("osm", MetatileCoord.Containing(tile)));

    private string[] Args(params string[] rest) => ["clean", "--gateway", fixture.Cluster.BaseAddress.ToString(), .. rest];
}
