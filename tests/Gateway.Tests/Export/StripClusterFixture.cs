using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Export;

/// <summary>Two silos and a gateway that renders PNG and GeoTIFF exports in strips of 64 rows, three at a time.</summary>
public sealed class StripClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    internal TestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => _cluster = await TestCluster.StartAsync(2, new Dictionary<string, string>
    {
        ["TILECLUSTER_Export__StripHeightPx"] = "64",
        ["TILECLUSTER_Export__StripsInFlight"] = "3",
    });

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
