using System.Net.Http.Headers;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Freshness;

/// <summary>
/// A cluster for expiry tests: 2 silos, an admin token, hot zooms up to 14, no wait budget (a
/// dirty tile is answered stale at once), and small limits so 413 is cheap to reach.
/// </summary>
public sealed class ExpireFixture : IAsyncLifetime
{
    public const string Token = "expire-test-token";

    private TestCluster? _cluster;

    internal TestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => _cluster = await TestCluster.StartAsync(2, new Dictionary<string, string>
    {
        ["TILECLUSTER_Admin__Token"] = Token,
        ["TILECLUSTER_Freshness__HotMaxZoom"] = "14",
        ["TILECLUSTER_Freshness__DirtyWaitBudget"] = "00:00:00",
        ["TILECLUSTER_Expire__MaxBodyBytes"] = "1048576",
        ["TILECLUSTER_Expire__MaxMetatiles"] = "100000",
    });

    /// <summary>POSTs an expire body with the admin token.</summary>
    public Task<HttpResponseMessage> ExpireAsync(string body, string query = "", string? token = Token) => ExpireAsync(System.Text.Encoding.UTF8.GetBytes(body), query, token);

    public async Task<HttpResponseMessage> ExpireAsync(byte[] body, string query = "", string? token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/expire" + query, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        if (token is not null)
        {
            // Verbatim, so an empty token is sent as "Bearer " rather than refused by the client.
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
