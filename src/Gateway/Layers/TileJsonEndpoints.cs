using Microsoft.Extensions.Options;
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
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/{layer}/tilejson.json", static async (HttpContext context, string layer, IOptions<LayersOptions> layers, IGrainFactory grains) =>
        {
            if (!LayerRules.TryFind(layers.Value, layer, out var options, out string? notFound))
            {
                await Problems.NotFound(context, notFound);
                return;
            }

            VectorLayerSchema[]? vectorLayers = null;
            if (options.Provider.IsVector)
            {
                try
                {
                    vectorLayers = await grains.GetGrain<IVectorSchemaGrain>(layer).GetAsync().WaitAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    await Problems.Unavailable(context, $"the layers inside '{layer}' come from a silo, and none answered", TimeSpan.FromSeconds(5));
                    return;
                }
            }

            var request = context.Request;
            string baseUrl = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value);
            await JsonResponses.WriteAsync(context, TileJson.For(layer, options, baseUrl, vectorLayers));
        });
}
