using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TileCluster.Grains.Abstractions.Expiry;

namespace TileCluster.Cli.Tests.Infrastructure;

/// <summary>One POST the stand-in received.</summary>
internal sealed record RecordedPost(string PathAndQuery, string? Authorization, byte[] Body);

/// <summary>
/// A stand-in for the gateway's <c>POST /admin/expire</c>, used ONLY to test that the replicator
/// keeps an expire list and retries until a gateway appears. It records what it receives and
/// answers with the contract's JSON, describing truthfully what it did: it parsed and expanded
/// the list, and marked nothing (it has no silos). The end-to-end test against the real cluster
/// is the gateway's.
/// </summary>
internal sealed class GatewayStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RecordedPost> _posts = [];

    private GatewayStandIn(WebApplication app) => _app = app;

    public IReadOnlyList<RecordedPost> Posts
    {
        get
        {
            lock (_posts)
            {
                return [.. _posts];
            }
        }
    }

    /// <summary>Starts the stand-in on <paramref name="port"/>; bodies over <paramref name="maxBodyBytes"/> get 413, as the gateway's Expire:MaxBodyBytes does.</summary>
    public static async Task<GatewayStandIn> StartAsync(int port, long maxBodyBytes = long.MaxValue)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var standIn = new GatewayStandIn(app);
        app.MapPost("/admin/expire", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            byte[] body = buffer.ToArray();
            lock (standIn._posts)
            {
                standIn._posts.Add(new RecordedPost(context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), body));
            }

            if (body.Length > maxBodyBytes)
            {
                return Results.Problem(statusCode: 413, detail: $"the expire list is larger than Expire:MaxBodyBytes ({maxBodyBytes} bytes)");
            }

            var list = ExpireList.Parse(body);
            if (!list.IsValid)
            {
                return Results.Problem(statusCode: 400, detail: $"{list.ErrorCount} malformed lines in the expire list; nothing was applied");
            }

            long metatiles = ExpireExpansion.Expand(list.Tiles, 10, 18, 20_000_000)?.Count ?? 0;
            bool waitHot = context.Request.Query["wait"] == "hot";
            return Results.Json(new Dictionary<string, object?>
            {
                ["lines"] = list.Lines,
                ["tiles"] = list.Tiles.Count,
                ["metatiles"] = metatiles,
                ["keys"] = metatiles * 2,
                ["dirtied"] = 0,
                ["notStored"] = metatiles * 2,
                ["hotRefreshing"] = 0,
                ["silos"] = 0,
                ["batches"] = 0,
                ["deliveredMs"] = 0.0,
                ["hotRendered"] = waitHot ? 0 : null,
                ["hotFailed"] = waitHot ? 0 : null,
                ["hotRenderedMs"] = waitHot ? 0.0 : null,
            });
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
