using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Export;

/// <summary>
/// A cluster for the clients of the export and jobs APIs (the preview page's Export panel, the
/// CLI): 2 silos, an admin token, and export limits small enough that every one of them is cheap
/// to reach (2000 × 2000 px, 1 Mpx).
/// </summary>
public sealed class ExportClientsFixture : IAsyncLifetime
{
    public const string Token = "export-clients-test-token";
    public const int MaxWidthPx = 2000;
    public const int MaxHeightPx = 2000;
    public const long MaxPixels = 1_000_000;

    private TestCluster? _cluster;

    internal TestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => _cluster = await TestCluster.StartAsync(2, new Dictionary<string, string>
    {
        ["TILECLUSTER_Admin__Token"] = Token,
        ["TILECLUSTER_Export__MaxWidthPx"] = $"{MaxWidthPx}",
        ["TILECLUSTER_Export__MaxHeightPx"] = $"{MaxHeightPx}",
        ["TILECLUSTER_Export__MaxPixels"] = $"{MaxPixels}",
    });

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
