using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Status;

/// <summary>What an operator opens: the status page (members from Orleans, figures from each silo) and the Orleans dashboard.</summary>
public sealed class OperatorPagesTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusJson_AfterATile_ListsBothSilosActiveWithTheRender()
    {
        using var tile = await fixture.Client.GetAsync(new Uri("/osm/13/4312/2876.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);

        using var status = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/status.json", UriKind.Relative), Cancel));
        var silos = status.RootElement.GetProperty("silos").EnumerateArray().ToList();

        Assert.Equal(["silo-1", "silo-2"], silos.Select(s => s.GetProperty("siloId").GetString()).Order());
        Assert.All(silos, s => Assert.Equal("active", s.GetProperty("status").GetString()));
        Assert.All(silos, s => Assert.StartsWith("S127.0.0.1:", s.GetProperty("address").GetString()));
        Assert.True(silos.Sum(s => s.GetProperty("renders").GetInt64()) >= 1);
        Assert.True(silos.Sum(s => s.GetProperty("activations").GetInt32()) >= 1);
        Assert.Contains(silos.SelectMany(s => s.GetProperty("renderTimeByZoom").EnumerateArray()), z => z.GetProperty("zoom").GetInt32() == 13);
    }

    [Fact]
    public async Task Status_Browser_GetsHtmlTableOfSilos()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await fixture.Client.SendAsync(request, Cancel);
        string html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<td>silo-1</td>", html);
        Assert.Contains("<td>silo-2</td>", html);
    }

    [Fact]
    public async Task Dashboard_ServesTheOrleansDashboard_WithTheClustersSilos()
    {
        string page = await fixture.Client.GetStringAsync(new Uri("/dashboard/", UriKind.Relative), Cancel);
        Assert.Contains("<title>Orleans Dashboard</title>", page);

        using var counters = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/dashboard/DashboardCounters", UriKind.Relative), Cancel));
        var hosts = counters.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(["silo-1", "silo-2"], hosts.Select(h => h.GetProperty("siloName").GetString()).Order());
        Assert.All(hosts, h => Assert.Equal("Active", h.GetProperty("status").GetString()));
    }
}
