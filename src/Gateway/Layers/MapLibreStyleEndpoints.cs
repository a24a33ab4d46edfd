using System.Text.Json.Nodes;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Layers;

namespace TileCluster.Gateway.Layers;

/// <summary>
/// <c>GET /{layer}/style.json</c>: a MapLibre style (version 8) for an MVT layer, drawn in its YAML
/// style's colours (made on a silo, which loads the styles), whose one source is the layer's TileJSON.
/// </summary>
internal static class MapLibreStyleEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => LayerDocuments.MapGet(app, "/{layer}/style.json", WriteStyleAsync);

    private static async Task WriteStyleAsync(HttpContext context, string layer, LayerOptions options, IGrainFactory grains)
    {
        if (!options.Provider.IsVector || options.Provider.EffectiveFormat != "mvt")
        {
            await Problems.NotFound(context, $"layer '{layer}' makes no Mapbox Vector Tiles, so it has no MapLibre style; only vector layers with Format mvt do");
            return;
        }

        var (answered, made) = await LayerDocuments.AskSchemaAsync(
            context, grains, layer, static schema => schema.GetMapLibreStyleAsync(), $"the style of '{layer}' comes from a silo, and none answered");
        if (!answered)
        {
            return;
        }

        if (made is null || JsonNode.Parse(made) is not JsonObject colours)
        {
            await Problems.Unavailable(context, $"the silo that answered has no MapLibre style for '{layer}' (is its configuration the gateway's?)", TimeSpan.FromSeconds(5));
            return;
        }

        string baseUrl = LayerDocuments.BaseUrl(context.Request);
        var styleLayers = new JsonArray(new JsonObject
        {
            ["id"] = "background",
            ["type"] = "background",
            ["paint"] = new JsonObject { ["background-color"] = colours["background"]?.DeepClone() },
        });
        foreach (var styleLayer in colours["layers"]?.AsArray() ?? [])
        {
            var copy = styleLayer!.DeepClone().AsObject();
            copy["source"] = layer;
            styleLayers.Add(copy);
        }

        var style = new JsonObject
        {
            ["version"] = 8,
            ["name"] = options.Title ?? layer,
            ["center"] = new JsonArray([.. LayerExtent.Center(options).Take(2).Select(v => (JsonNode?)v)]),
            ["zoom"] = LayerExtent.Center(options)[2],
            ["sources"] = new JsonObject
            {
                [layer] = new JsonObject { ["type"] = "vector", ["url"] = $"{baseUrl}/{layer}/tilejson.json" },
            },
            ["layers"] = styleLayers,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(style.ToJsonString(), context.RequestAborted);
    }
}
