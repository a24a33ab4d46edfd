using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>
/// One silo and a gateway with the shipped <c>osm</c> layer and: <c>wms</c>, a url layer whose
/// upstream is this gateway's own export of <c>osm</c> (bbox in EPSG:3857 metres, as a WMS client
/// asks); <c>tinted</c>, a composite of <c>osm</c> under red at half opacity; <c>down</c>, a url layer
/// whose upstream refuses connections; and <c>silent</c>, one whose upstream accepts and never answers.
/// </summary>
public sealed class UrlCompositeLayersFixture : IAsyncLifetime
{
    public const string Token = "url-composite-token";

    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _jobs = Directory.CreateTempSubdirectory("url-composite-jobs-").FullName;

    internal TestCluster Cluster { get; private set; } = null!;

    public HttpClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        _silent.Start();
        _ = HoldConnectionsAsync();
        int port = Loopback.FreePort();
        int refused = Loopback.FreePort();
        int silent = ((IPEndPoint)_silent.LocalEndpoint).Port;
        Cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["TILECLUSTER_Admin__Token"] = Token,
            ["TILECLUSTER_Jobs__Root"] = _jobs,

            // A url render holds a render thread while the export it asks for renders on others.
            ["TILECLUSTER_Render__Threads"] = "4",
            ["TILECLUSTER_Layers__wms__Provider__Kind"] = "url",
            ["TILECLUSTER_Layers__wms__Provider__Template"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/osm/export?bbox=$xmin,$ymin,$xmax,$ymax&srs=$srs&width=$width&height=$height&format=png&attribution=false"),
            ["TILECLUSTER_Layers__wms__Png__Palette256"] = "false",
            ["TILECLUSTER_Layers__tinted__Provider__Kind"] = "composite",
            ["TILECLUSTER_Layers__tinted__Provider__Stack__0__Layer"] = "osm",
            ["TILECLUSTER_Layers__tinted__Provider__Stack__1__Color"] = "#ff0000",
            ["TILECLUSTER_Layers__tinted__Provider__Stack__1__Opacity"] = "0.5",
            ["TILECLUSTER_Layers__tinted__Png__Palette256"] = "false",
            ["TILECLUSTER_Layers__down__Provider__Kind"] = "url",
            ["TILECLUSTER_Layers__down__Provider__Template"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{refused}/wms?bbox=$xmin,$ymin,$xmax,$ymax"),
            ["TILECLUSTER_Layers__down__Provider__Retries"] = "1",
            ["TILECLUSTER_Layers__silent__Provider__Kind"] = "url",
            ["TILECLUSTER_Layers__silent__Provider__Template"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{silent}/wms?bbox=$xmin,$ymin,$xmax,$ymax"),
            ["TILECLUSTER_Layers__silent__Provider__Timeout"] = "00:00:01",
            ["TILECLUSTER_Layers__silent__Provider__Retries"] = "0",
        }, gatewayPort: port);
    }

    /// <summary>POSTs an expire list for <paramref name="layer"/> and waits for hot re-renders.</summary>
    public async Task<HttpResponseMessage> ExpireAsync(string layer, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/admin/expire?style={layer}&wait=hot", UriKind.Relative)) { Content = new StringContent(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>POSTs a job spec with the admin token; answers the job's id once it is accepted.</summary>
    public async Task<string> SubmitJobAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/jobs", UriKind.Relative)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _silent.Stop();
        foreach (var client in _held)
        {
            client.Dispose();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        _stop.Dispose();
        Directory.Delete(_jobs, recursive: true);
    }

    // Accepts and keeps every connection without reading or answering: an upstream that hangs.
    private async Task HoldConnectionsAsync()
    {
        try
        {
            while (true)
            {
                _held.Add(await _silent.AcceptTcpClientAsync(_stop.Token));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped with the fixture.
        }
    }
}
