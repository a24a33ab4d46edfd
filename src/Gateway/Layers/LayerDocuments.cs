using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Layers;

namespace TileCluster.Gateway.Layers;

/// <summary>
/// What the per-layer JSON documents (<c>tilejson.json</c>, <c>style.json</c>) share: the layer
/// looked up, the request's base URL for absolute links, and questions to the layer's
/// <see cref="IVectorSchemaGrain"/>, which only a silo can answer (it loads the styles).
/// </summary>
internal static class LayerDocuments
{
    /// <summary>The layer's options; null once a 404 naming the configured layers has been written.</summary>
    public static async Task<LayerOptions?> FindAsync(HttpContext context, LayersOptions layers, string layer)
    {
        if (LayerRules.TryFind(layers, layer, out var options, out string? notFound))
        {
            return options;
        }

        await Problems.NotFound(context, notFound);
        return null;
    }

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
