namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>One gateway process shared by a test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewayProcess? _gateway;

    internal GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Gateway.Client;

    public async ValueTask InitializeAsync() => _gateway = await GatewayProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
