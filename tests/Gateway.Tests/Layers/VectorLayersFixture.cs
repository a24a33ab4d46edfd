using System.Net.Http.Headers;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>
/// One silo and a gateway with the shipped <c>osm</c> layer and two vector layers over its style:
/// <c>mvt</c> (Mapbox Vector Tiles carrying highway and name) and <c>geo</c> (GeoJSON, padded, 5 decimals).
/// </summary>
public sealed class VectorLayersFixture : IAsyncLifetime
{
    public const string Token = "vector-test-token";

    internal TestCluster Cluster { get; private set; } = null!;

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => Cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
    {
        ["TILECLUSTER_Admin__Token"] = Token,
        ["TILECLUSTER_Layers__mvt__Provider__Kind"] = "vector",
        ["TILECLUSTER_Layers__mvt__Provider__File"] = "../styles/osm.yaml",
        ["TILECLUSTER_Layers__mvt__Provider__Properties__0"] = "highway",
        ["TILECLUSTER_Layers__mvt__Provider__Properties__1"] = "name",
        ["TILECLUSTER_Layers__mvt__MaxZoom"] = "16",
        ["TILECLUSTER_Layers__geo__Provider__Kind"] = "vector",
        ["TILECLUSTER_Layers__geo__Provider__File"] = "../styles/osm.yaml",
        ["TILECLUSTER_Layers__geo__Provider__Format"] = "geojson",
        ["TILECLUSTER_Layers__geo__Provider__Clipped"] = "padded",
        ["TILECLUSTER_Layers__geo__Provider__Precision"] = "5",
    });

    /// <summary>POSTs an expire list for <paramref name="layer"/> and waits for hot re-renders.</summary>
    public async Task<HttpResponseMessage> ExpireAsync(string layer, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/admin/expire?style={layer}&wait=hot", UriKind.Relative)) { Content = new StringContent(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
