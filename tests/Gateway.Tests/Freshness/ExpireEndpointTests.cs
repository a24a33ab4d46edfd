using System.Net;
using System.Text;
using System.Text.Json;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage;

namespace TileCluster.Gateway.Tests.Freshness;

/// <summary>The admin door: token, all-or-nothing parsing, limits; tiles keep being served throughout.</summary>
public sealed class ExpireEndpointTests(ExpireFixture fixture) : IClassFixture<ExpireFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "need 'Authorization: Bearer <token>'")]
    [InlineData("wrong-token-value", "not the configured admin token")]
    [InlineData("", "need 'Authorization: Bearer <token>'")]
    public async Task Expire_WithoutTheToken_Is401_AndTilesStayPublic(string? token, string expected)
    {
        using var response = await fixture.ExpireAsync("14/8625/5753\n", token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);

        using var tile = await fixture.Client.GetAsync(new Uri("/osm/14/8625/5753.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
    }

    [Fact]
    public async Task Expire_FuzzedBadBodies_All400WithTheirLineNumbers_NothingApplied_ServerKeepsServing()
    {
        // A stored metatile that every fuzzed body also names on a good line: it must stay clean.
        var victim = TileCoord.Create(13, 4312, 2876);
        using (var first = await fixture.Client.GetAsync(new Uri($"/osm/{victim}.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        string victimFile = Path.Combine(fixture.Cluster.StoreRoot, MetaPath.Relative("osm", MetatileCoord.Containing(victim)));
        var mtime = File.GetLastWriteTimeUtc(victimFile);

        string[] corruptions =
        [
            "13/4312", "13/4312/2876/1", "13//2876", "/4312/2876", "13/4312/", "13/-4312/2876", "13/4312/2876 ", " 13/4312/2876",
            "13/8192/0", "13/0/8192", "25/0/0", "13/99999999999/1", "13\t4312\t2876", "13,4312,2876", "z/x/y", "13/4312/2876/",
            "१३/4312/2876", "13/4312/0x10", "13/4e3/2876", "\0\0\0", "13/4312/2876\u00a0", "+13/4312/2876", "13.0/4312/2876", "💥",
        ];
        var random = new Random(466355);
        for (int round = 0; round < 40; round++)
        {
            var lines = new List<string>();
            var bad = new List<int>();
            int count = random.Next(1, 30);
            for (int i = 1; i <= count; i++)
            {
                if (random.Next(4) == 0 || (i == count && bad.Count == 0))
                {
                    lines.Add(corruptions[random.Next(corruptions.Length)]);
                    bad.Add(i);
                }
                else
                {
                    lines.Add(random.Next(3) == 0 ? victim.ToString() : $"{random.Next(10, 19)}/{random.Next(0, 1000)}/{random.Next(0, 1000)}");
                }
            }

            string body = string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines) + "\n";
            using var response = await fixture.ExpireAsync(body);
            string text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"round {round}: {response.StatusCode} for\n{body}\n{text}");
            using var problem = JsonDocument.Parse(text);
            var reported = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).ToList();
            Assert.Equal(bad, reported);
            Assert.Contains("nothing was applied", problem.RootElement.GetProperty("detail").GetString());
        }

        // Random bytes: 400 as well, never a 500.
        for (int round = 0; round < 20; round++)
        {
            byte[] garbage = new byte[random.Next(1, 4096)];
            random.NextBytes(garbage);
            using var response = await fixture.ExpireAsync(garbage);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(mtime, File.GetLastWriteTimeUtc(victimFile));
        using var tile = await fixture.Client.GetAsync(new Uri($"/osm/{victim}.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.DoesNotContain("max-age=60,", tile.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Expire_BodyOverTheLimit_Is413()
    {
        var body = new StringBuilder();
        while (body.Length <= 1_048_576)
        {
            body.Append("18/138004/92052\n");
        }

        using var response = await fixture.ExpireAsync(body.ToString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Expire:MaxBodyBytes", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Expire_ExpandingToTooManyMetatiles_Is413_NamingTheLimit()
    {
        // A z5 line covers 2^13 x 2^13 tiles at z18: far over the fixture's 100000 metatiles.
        using var response = await fixture.ExpireAsync("5/16/11\n");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Expire:MaxMetatiles (100000)", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("?style=nope", "layer 'nope' is not configured; known layers: osm")]
    [InlineData("?minZoom=x", "minZoom 'x' must be a whole number within 0..24")]
    [InlineData("?maxZoom=25", "maxZoom '25' must be a whole number within 0..24")]
    [InlineData("?minZoom=15&maxZoom=12", "minZoom 15 is above maxZoom 12")]
    [InlineData("?wait=all", "wait must be 'hot'")]
    [InlineData("?wait=hot&timeout=-1", "timeout '-1' must be a number of seconds")]
    [InlineData("?zoom=12", "unknown query parameter 'zoom'")]
    public async Task Expire_BadQuery_Is400_NamingIt(string query, string expected)
    {
        using var response = await fixture.ExpireAsync("14/8625/5753\n", query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Expire_NeverRenderedMetatiles_CostNothing()
    {
        long renders = await fixture.Cluster.RendersAsync();
        using var response = await fixture.ExpireAsync("18/1000/1000\n18/200000/100000\n", "?wait=hot");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = report.RootElement;
        Assert.Equal(0, root.GetProperty("dirtied").GetInt64());
        Assert.Equal(root.GetProperty("keys").GetInt64(), root.GetProperty("notStored").GetInt64());
        Assert.Equal(0, root.GetProperty("hotRendered").GetInt64());
        Assert.Equal(renders, await fixture.Cluster.RendersAsync());
    }
}
