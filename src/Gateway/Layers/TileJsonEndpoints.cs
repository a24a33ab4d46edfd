using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Layers;

namespace TileCluster.Gateway.Layers;

/// <summary>
/// <c>GET /{layer}/tilejson.json</c>: the layer's TileJSON 3.0.0, with tile URLs made absolute from
/// the request's scheme and host; <c>?callback=</c> for JSONP.
/// </summary>
internal static class TileJsonEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => LayerDocuments.MapGet(app, "/{layer}/tilejson.json", WriteTileJsonAsync);

    private static async Task WriteTileJsonAsync(HttpContext context, string layer, LayerOptions options, IGrainFactory grains)
    {
        VectorLayerSchema[]? vectorLayers = null;
        if (options.Provider.IsVector)
        {
            bool answered;
            (answered, vectorLayers) = await LayerDocuments.AskSchemaAsync(
                context, grains, layer, static schema => schema.GetAsync(), $"the layers inside '{layer}' come from a silo, and none answered");
            if (!answered)
            {
                return;
            }
        }

        string baseUrl = LayerDocuments.BaseUrl(context.Request);
        await JsonResponses.WriteAsync(context, TileJson.For(layer, options, baseUrl, vectorLayers));
    }
}
