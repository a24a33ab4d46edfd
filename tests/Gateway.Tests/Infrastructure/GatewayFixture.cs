namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>One cluster (2 silos and a gateway) shared by a test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    internal TestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
