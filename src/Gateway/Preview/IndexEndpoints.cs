using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Preview;

/// <summary><c>GET /</c>: the configured index file, a redirect, or a list of the layers (<see cref="IndexOptions"/>).</summary>
internal static class IndexEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/", static (HttpContext context, IOptions<IndexOptions> index, IOptions<LayersOptions> layers) =>
        {
            var options = index.Value;
            if (options.Redirect is { } target)
            {
                return Results.Redirect(target);
            }

            if (options.File is { } file)
            {
                return Results.File(layers.Value.ResolveFile(file), "text/html; charset=utf-8");
            }

            return Results.Content(LayerList(layers.Value), "text/html; charset=utf-8");
        });

    private static string LayerList(LayersOptions layers)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>TileCluster</title>")
            .Append("<style>body{font:14px sans-serif;margin:2em}td,th{padding:3px 10px;text-align:left}</style>")
            .Append("</head><body><h1>TileCluster</h1><table><tr><th>layer</th><th>zooms</th><th>preview</th><th>TileJSON</th><th>tiles (XYZ)</th><th>tiles (TMS)</th></tr>");
        foreach (var (name, layer) in layers.Layers)
        {
            string ext = layer.PreviewExtension;
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(layer.Title ?? name)).Append("</td>")
                .Append("<td>").Append(layer.MinZoom).Append('–').Append(layer.MaxZoom).Append("</td>")
                .Append(layer.Provider.IsVector ? "<td>vector tiles</td>" : layer.Provider.IsUtfGrid ? "<td>UTFGrid</td>" : $"<td><a href=\"/{name}/preview.html\">preview</a></td>")
                .Append("<td><a href=\"/").Append(name).Append("/tilejson.json\">tilejson.json</a></td>")
                .Append("<td><code>/").Append(name).Append("/{z}/{x}/{y}.").Append(ext).Append("</code></td>")
                .Append("<td><code>/").Append(name).Append("/tms/{z}/{x}/{y}.").Append(ext).Append("</code></td></tr>");
        }

        return html.Append("</table><p><a href=\"/status\">status</a> · <a href=\"/dashboard\">dashboard</a></p></body></html>").ToString();
    }
}
