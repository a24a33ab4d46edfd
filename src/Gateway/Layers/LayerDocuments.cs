using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Layers;

namespace TileCluster.Gateway.Layers;

/// <summary>
/// What the per-layer JSON documents (<c>tilejson.json</c>, <c>style.json</c>) share: the route with
/// the layer looked up, the request's base URL for absolute links, and questions to the layer's
/// <see cref="IVectorSchemaGrain"/>, which only a silo can answer (it loads the styles).
/// </summary>
internal static class LayerDocuments
{
    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> (with a <c>{layer}</c> segment) to <paramref name="write"/>
    /// for a configured layer; an unknown one gets a 404 naming the configured layers.
    /// </summary>
    public static void MapGet(IEndpointRouteBuilder app, string pattern, Func<HttpContext, string, LayerOptions, IGrainFactory, Task> write) =>
        app.MapGet(pattern, async (HttpContext context, string layer, IOptions<LayersOptions> layers, IGrainFactory grains) =>
        {
            if (!LayerRules.TryFind(layers.Value, layer, out var options, out string? notFound))
            {
                await Problems.NotFound(context, notFound);
                return;
            }

            await write(context, layer, options, grains);
        });

    /// <summary>
    /// Asks <paramref name="layer"/>'s schema grain <paramref name="question"/>. When no silo answers,
    /// writes a 503 with <paramref name="unanswered"/> as its detail and returns <c>Answered</c> false.
    /// </summary>
    public static async Task<(bool Answered, T? Value)> AskSchemaAsync<T>(
        HttpContext context, IGrainFactory grains, string layer, Func<IVectorSchemaGrain, Task<T>> question, string unanswered)
    {
        try
        {
            return (true, await question(grains.GetGrain<IVectorSchemaGrain>(layer)).WaitAsync(context.RequestAborted));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            await Problems.Unavailable(context, unanswered, TimeSpan.FromSeconds(5));
            return (false, default);
        }
    }

    /// <summary>The scheme, host and path base the request came in on, for absolute URLs in a document.</summary>
    public static string BaseUrl(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value);
}
