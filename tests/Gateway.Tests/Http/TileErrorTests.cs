using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Http;

/// <summary>Bad requests get a ProblemDetails body naming the problem; nothing a client sends produces a 500.</summary>
public sealed class TileErrorTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/osm/-1/0/0.png", "z -1 is negative")]
    [InlineData("/osm/20/0/0.png", "zoom 20 is outside 0..19")]
    [InlineData("/osm/25/0/0.png", "zoom 25 is outside")]
    [InlineData("/osm/3/8/0.png", "x 8 is outside 0..7")]
    [InlineData("/osm/3/0/8.png", "y 8 is outside 0..7")]
    [InlineData("/osm/3/-1/0.png", "x -1 is negative")]
    [InlineData("/osm/a/0/0.png", "z 'a' is not a whole number")]
    [InlineData("/osm/3/0/zz.png", "y 'zz' is not a whole number")]
    [InlineData("/osm/3/0/0.jpg", "extension '.jpg' is not supported")]
    [InlineData("/osm/3/0/0.png.exe", "extension '.exe' is not supported")]
    [InlineData("/osm/3/0/0@4x.png", "is not a whole number")]
    public async Task Get_InvalidTile_Is400WithProblem(string path, string expected)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(expected, problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/nosuch/3/0/0.png")]
    [InlineData("/OSM/3/0/0.png")]
    [InlineData("/nosuch/preview.html")]
    public async Task Get_UnknownStyle_Is404WithProblem(string path)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("is not configured", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/osm/../../../etc/passwd")]
    [InlineData("/osm/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/..%2f..%2f..%2fetc/3/0/0.png")]
    [InlineData("/osm/3/0/..%2f..%2fpasswd")]
    [InlineData("/osm/3/0/%00.png")]
    [InlineData("/osm/1/2/3/4.png")]
    public async Task Get_TraversalAttempts_NeverServeFilesOrFail(string path)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_OverlongPath_Is400()
    {
        string path = "/osm/3/0/" + new string('1', 300) + ".png";
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the limit is 200", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_AfterBadRequests_StillServes()
    {
        for (int i = 0; i < 20; i++)
        {
            using var bad = await fixture.Client.GetAsync(new Uri($"/osm/{i}/x/y.png", UriKind.Relative), TestContext.Current.CancellationToken);
        }

        using var health = await fixture.Client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
