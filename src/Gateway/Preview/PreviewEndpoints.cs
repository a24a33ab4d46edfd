using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Export;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Preview;

/// <summary>
/// <c>GET /{style}/preview.html</c>: a Leaflet slippy map of one style, centred on its data, with
/// an export panel (<c>wwwroot/app/export-panel.js</c>) that is given the limits the export
/// endpoint enforces, so it can tell before a download whether the server will refuse it.
/// </summary>
internal static class PreviewEndpoints
{
    private static readonly string Template = LoadTemplate();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/{style}/preview.html", static (HttpContext context, string style, IOptions<StylesOptions> styles, IOptions<ExportOptions> export) =>
        {
            if (!styles.Value.Styles.TryGetValue(style, out var options))
            {
                return Problems.NotFound(context, $"style '{style}' is not configured; known styles: {string.Join(", ", styles.Value.Styles.Keys)}");
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(Render(style, options, export.Value), context.RequestAborted);
        });

        app.MapGet("/", static (IOptions<StylesOptions> styles) => Results.Redirect($"/{styles.Value.Styles.Keys.First()}/preview.html"));
    }

    internal static string Render(string style, StyleOptions options, ExportOptions export)
    {
        // JsonSerializer escapes <, > and & by default, so the config is safe inside <script>.
        string config = JsonSerializer.Serialize(new
        {
            style,
            tileUrl = $"/{style}/{{z}}/{{x}}/{{y}}.png",
            tileUrl2x = $"/{style}/{{z}}/{{x}}/{{y}}@2x.png",
            minZoom = options.MinZoom,
            maxZoom = options.MaxZoom,
            bounds = options.Bounds ?? [-180, -85.0511, 180, 85.0511],
            center = options.Center,
            attribution = options.Attribution,
            export = new
            {
                url = $"/{style}/export",
                maxWidthPx = export.MaxWidthPx,
                maxHeightPx = export.MaxHeightPx,
                maxPixels = export.MaxPixels,
            },
            jobsUrl = "/jobs",
        });
        return Template
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(options.Title ?? style), StringComparison.Ordinal)
            .Replace("{{CONFIG}}", config, StringComparison.Ordinal);
    }

    private static string LoadTemplate()
    {
        using var stream = typeof(PreviewEndpoints).Assembly.GetManifestResourceStream("TileCluster.Gateway.Preview.preview.html")
            ?? throw new InvalidOperationException("preview.html is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
