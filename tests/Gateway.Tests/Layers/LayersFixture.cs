using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>
/// One silo and a gateway with the shipped <c>osm</c> layer and four more layers over the same
/// style, each showing settings the shipped configuration leaves at their defaults.
/// </summary>
public sealed class LayersFixture : IAsyncLifetime
{
    /// <summary>The origin <c>vaduz</c> allows; no other origin gets CORS headers for it.</summary>
    public const string VaduzOrigin = "https://maps.example.org";

    internal TestCluster Cluster { get; private set; } = null!;

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => Cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
    {
        // vaduz: Liechtenstein from zoom 9, the whole world up to zoom 5; jpg redirected to png.
        ["TILECLUSTER_Layers__vaduz__Provider__Kind"] = "style",
        ["TILECLUSTER_Layers__vaduz__Provider__File"] = "../styles/osm.yaml",
        ["TILECLUSTER_Layers__vaduz__Title"] = "Vaduz",
        ["TILECLUSTER_Layers__vaduz__Attribution"] = "Vaduz data",
        ["TILECLUSTER_Layers__vaduz__MinZoom"] = "2",
        ["TILECLUSTER_Layers__vaduz__MaxZoom"] = "17",
        ["TILECLUSTER_Layers__vaduz__Bounds__0__West"] = "9.47",
        ["TILECLUSTER_Layers__vaduz__Bounds__0__South"] = "47.04",
        ["TILECLUSTER_Layers__vaduz__Bounds__0__East"] = "9.64",
        ["TILECLUSTER_Layers__vaduz__Bounds__0__North"] = "47.28",
        ["TILECLUSTER_Layers__vaduz__Bounds__0__MinZoom"] = "9",
        ["TILECLUSTER_Layers__vaduz__Bounds__1__West"] = "-180",
        ["TILECLUSTER_Layers__vaduz__Bounds__1__South"] = "-60",
        ["TILECLUSTER_Layers__vaduz__Bounds__1__East"] = "180",
        ["TILECLUSTER_Layers__vaduz__Bounds__1__North"] = "80",
        ["TILECLUSTER_Layers__vaduz__Bounds__1__MaxZoom"] = "5",
        ["TILECLUSTER_Layers__vaduz__Redirects__jpg"] = "png",
        ["TILECLUSTER_Layers__vaduz__MaxCacheAge"] = "00:10:00",
        ["TILECLUSTER_Layers__vaduz__AllowedOrigins__0"] = VaduzOrigin,

        // retina: 512 px tiles in RGB.
        ["TILECLUSTER_Layers__retina__Provider__Kind"] = "style",
        ["TILECLUSTER_Layers__retina__Provider__File"] = "../styles/osm.yaml",
        ["TILECLUSTER_Layers__retina__TileSize"] = "512",
        ["TILECLUSTER_Layers__retina__Png__Palette256"] = "false",

        // live: nothing kept.
        ["TILECLUSTER_Layers__live__Provider__Kind"] = "style",
        ["TILECLUSTER_Layers__live__Provider__File"] = "../styles/osm.yaml",
        ["TILECLUSTER_Layers__live__WriteCache"] = "false",
    });

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
