using System.Net.Http.Headers;
using System.Text;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>
/// One silo and a gateway with the shipped <c>osm</c> layer and three more over its style:
/// <c>grid</c> (UTFGrid, default resolution, fields name, highway and building), <c>jpg</c>
/// (progressive JPEG at quality 90, its format written <c>jpg</c> as TileStache and MBTiles spell it) and
/// <c>webp</c> (WebP, 512 px tiles); and <c>proxied</c>, a proxy of this cluster's own
/// <c>jpg</c> layer whose format is written <c>JPEG</c>.
/// </summary>
public sealed class ImageAndGridLayersFixture : IAsyncLifetime
{
    public const string Token = "image-grid-test-token";

    private readonly string _jobs = Directory.CreateTempSubdirectory("image-grid-jobs-").FullName;

    internal TestCluster Cluster { get; private set; } = null!;

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        int port = Loopback.FreePort();
        Cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["TILECLUSTER_Admin__Token"] = Token,
            ["TILECLUSTER_Jobs__Root"] = _jobs,
            ["TILECLUSTER_Layers__grid__Provider__Kind"] = "utfgrid",
            ["TILECLUSTER_Layers__grid__Provider__File"] = "../styles/osm.yaml",
            ["TILECLUSTER_Layers__grid__Provider__Fields__0"] = "name",
            ["TILECLUSTER_Layers__grid__Provider__Fields__1"] = "highway",
            ["TILECLUSTER_Layers__grid__Provider__Fields__2"] = "building",
            ["TILECLUSTER_Layers__jpg__Provider__Kind"] = "style",
            ["TILECLUSTER_Layers__jpg__Provider__File"] = "../styles/osm.yaml",
            ["TILECLUSTER_Layers__jpg__Provider__Format"] = "jpg",
            ["TILECLUSTER_Layers__jpg__Jpeg__Quality"] = "90",
            ["TILECLUSTER_Layers__jpg__Jpeg__Progressive"] = "true",
            ["TILECLUSTER_Layers__webp__Provider__Kind"] = "style",
            ["TILECLUSTER_Layers__webp__Provider__File"] = "../styles/osm.yaml",
            ["TILECLUSTER_Layers__webp__Provider__Format"] = "webp",
            ["TILECLUSTER_Layers__webp__TileSize"] = "512",
            ["TILECLUSTER_Layers__proxied__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__proxied__Provider__Url"] = $"http://127.0.0.1:{port}/jpg/{{Z}}/{{X}}/{{Y}}.jpeg",
            ["TILECLUSTER_Layers__proxied__Provider__Format"] = "JPEG",
        }, gatewayPort: port);
    }

    /// <summary>POSTs a job spec with the admin token.</summary>
    public async Task<HttpResponseMessage> SubmitJobAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/jobs", UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Directory.Delete(_jobs, recursive: true);
    }
}
