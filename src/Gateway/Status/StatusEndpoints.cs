using System.Globalization;
using System.Net;
using System.Text;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Storage.Caches;

namespace TileCluster.Gateway.Status;

/// <summary>
/// <c>GET /status</c> (HTML for browsers) and <c>GET /status.json</c>: the figures operators
/// need without any extra infrastructure. The JSON takes <c>?callback=</c> for JSONP.
/// </summary>
internal static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/status.json", static async (HttpContext context, IClusterStatus cluster, TileCaches cache, GatewayMetrics metrics) =>
            await JsonResponses.WriteAsync(context, await SnapshotAsync(cluster, cache, metrics, context.RequestAborted)));

        app.MapGet("/status", static async (HttpContext context, IClusterStatus cluster, TileCaches cache, GatewayMetrics metrics) =>
        {
            var snapshot = await SnapshotAsync(cluster, cache, metrics, context.RequestAborted);
            await (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                ? Results.Content(ToHtml(snapshot), "text/html; charset=utf-8").ExecuteAsync(context)
                : JsonResponses.WriteAsync(context, snapshot));
        });
    }

    private static async Task<StatusSnapshot> SnapshotAsync(IClusterStatus cluster, TileCaches cache, GatewayMetrics metrics, CancellationToken cancellationToken)
    {
        var silos = await cluster.GetSilosAsync(cancellationToken);
        var gateway = new GatewayStatus(metrics.Hits, metrics.NotModified, metrics.Misses, metrics.Unavailable, cache.Status());
        return new StatusSnapshot(gateway, silos);
    }

    private static string ToHtml(StatusSnapshot s)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>TileCluster status</title>")
            .Append("<meta http-equiv=\"refresh\" content=\"5\">")
            .Append("<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}</style>")
            .Append("</head><body><h1>TileCluster status</h1><h2>Gateway</h2><table><tr><th>cache hits</th><th>304</th><th>misses</th><th>503</th></tr>");
        var g = s.Gateway;
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{g.CacheHits}</td><td>{g.NotModified}</td><td>{g.Misses}</td><td>{g.Unavailable}</td></tr></table>");
        html.Append("<h2>Cache tiers</h2><table><tr><th>chain</th><th>tier</th><th>kind</th><th>hits</th><th>misses</th><th>errors</th><th>skipped</th><th>state</th><th>tiles</th><th>bytes</th></tr>");
        foreach (var tier in g.CacheTiers)
        {
            string state = tier.Open switch { true => "skipped (failing)", false => "up", null => string.Empty };
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(tier.Chain)}</td><td>{tier.Index}</td><td>{tier.Kind}</td><td>{tier.Hits}</td><td>{tier.Misses}</td><td>{tier.Errors}</td><td>{tier.Skipped}</td><td>{state}</td><td>{tier.Entries}</td><td>{tier.Bytes}</td></tr>");
        }

        html.Append("</table>");
        html.Append("<h2>Silos</h2><table><tr><th>silo</th><th>status</th><th>activations</th><th>queue</th><th>renders</th><th>failures</th><th>rejected</th><th>dirtied</th><th>re-rendered dirty</th><th>dropped</th></tr>");
        foreach (var silo in s.Silos)
        {
            string queue = string.Join(", ", silo.QueueDepthByPriority.Select(p => $"{p.Key} {p.Value}"));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(silo.SiloId)}</td><td>{silo.Status}</td><td>{silo.Activations}</td><td>{WebUtility.HtmlEncode(queue)}</td><td>{silo.Renders}</td><td>{silo.RenderFailures}</td><td>{silo.Rejected}</td><td>{silo.Freshness.Dirtied}</td><td>{silo.Freshness.Refreshed}</td><td>{WebUtility.HtmlEncode(string.Join(", ", silo.Freshness.DroppedByPriority.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")))}</td></tr>");
        }

        html.Append("</table><h2>Render time by zoom</h2><table><tr><th>silo</th><th>zoom</th><th>metatiles</th><th>mean ms</th><th>max ms</th><th>query ms</th><th>draw ms</th><th>labels ms</th><th>encode ms</th></tr>");
        foreach (var silo in s.Silos)
        {
            foreach (var z in silo.RenderTimeByZoom)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(silo.SiloId)}</td><td>{z.Zoom}</td><td>{z.Count}</td><td>{z.MeanMilliseconds:F0}</td><td>{z.MaxMilliseconds:F0}</td><td>{z.QueryMilliseconds:F0}</td><td>{z.DrawMilliseconds:F0}</td><td>{z.LabelsMilliseconds:F0}</td><td>{z.EncodeMilliseconds:F0}</td></tr>");
            }
        }

        return html.Append("</table></body></html>").ToString();
    }
}
