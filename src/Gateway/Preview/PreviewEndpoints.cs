using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Export;
using TileCluster.Gateway.Http;
using TileCluster.Gateway.Layers;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Preview;

/// <summary>
/// <c>GET /{layer}/preview.html</c>: for an MVT layer a MapLibre GL JS map in its style's colours
/// (<c>/{layer}/style.json</c>); otherwise a Leaflet slippy map of one layer, at its <c>Preview</c> view or its bounds, with
/// an export panel (<c>wwwroot/app/export-panel.js</c>) that is given the limits the export
/// endpoint enforces, so it can tell before a download whether the server will refuse it.
/// </summary>
internal static class PreviewEndpoints
{
    private static readonly string Template = LoadTemplate("preview.html");
    private static readonly string VectorTemplate = LoadTemplate("vector-preview.html");

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/{layer}/preview.html", static (HttpContext context, string layer, IOptions<LayersOptions> layers, IOptions<ExportOptions> export) =>
        {
            if (!LayerRules.TryFind(layers.Value, layer, out var options, out string? notFound))
            {
                return Problems.NotFound(context, notFound);
            }

            if (options.Provider.IsVector && options.Provider.EffectiveFormat != "mvt")
            {
                return Problems.NotFound(context, $"layer '{layer}' makes GeoJSON tiles, which the previews cannot show; point a vector client (OpenLayers, QGIS) at /{layer}/tilejson.json");
            }

            if (options.Provider.IsUtfGrid)
            {
                return Problems.NotFound(context, $"layer '{layer}' makes UTFGrid interactivity grids, which go over an image layer in a client (Leaflet's UTFGrid plugin); its tiles are listed at /{layer}/tilejson.json");
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            string page = options.Provider.IsVector ? RenderVector(layer, options) : Render(layer, options, export.Value);
            return context.Response.WriteAsync(page, context.RequestAborted);
        });
    }

    internal static string Render(string style, LayerOptions options, ExportOptions export)
    {
        // JsonSerializer escapes <, > and & by default, so the config is safe inside <script>.
        string config = JsonSerializer.Serialize(new
        {
            style,
            tileUrl = $"/{style}/{{z}}/{{x}}/{{y}}.{options.PreviewExtension}",
            tileUrl2x = options.Scale == 1 ? $"/{style}/{{z}}/{{x}}/{{y}}@2x.{options.PreviewExtension}" : $"/{style}/{{z}}/{{x}}/{{y}}.{options.PreviewExtension}",
            minZoom = options.MinZoom,
            maxZoom = options.MaxZoom,
            bounds = LayerExtent.Bounds(options),
            center = options.Preview.HasCenter ? LayerExtent.Center(options) : null,
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

    /// <summary>The MapLibre GL JS page of an MVT layer, drawn with <c>/{layer}/style.json</c>.</summary>
    internal static string RenderVector(string layer, LayerOptions options)
    {
        string config = JsonSerializer.Serialize(new
        {
            layer,
            styleUrl = $"/{layer}/style.json",
            minZoom = options.MinZoom,
            maxZoom = options.MaxZoom,
            center = LayerExtent.Center(options),
            attribution = options.Attribution,
        });
        return VectorTemplate
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(options.Title ?? layer), StringComparison.Ordinal)
            .Replace("{{CONFIG}}", config, StringComparison.Ordinal);
    }

    private static string LoadTemplate(string name)
    {
        using var stream = typeof(PreviewEndpoints).Assembly.GetManifestResourceStream($"TileCluster.Gateway.Preview.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
