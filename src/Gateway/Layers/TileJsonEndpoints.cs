using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Layers;

/// <summary>
/// <c>GET /{layer}/tilejson.json</c>: the layer's TileJSON 3.0.0, with tile URLs made absolute from
/// the request's scheme and host; <c>?callback=</c> for JSONP.
/// </summary>
internal static class TileJsonEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/{layer}/tilejson.json", static (HttpContext context, string layer, IOptions<LayersOptions> layers) =>
        {
            if (!LayerRules.TryFind(layers.Value, layer, out var options, out string? notFound))
            {
                return Problems.NotFound(context, notFound);
            }

            var request = context.Request;
            string baseUrl = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value);
            return JsonResponses.WriteAsync(context, TileJson.For(layer, options, baseUrl));
        });
}
