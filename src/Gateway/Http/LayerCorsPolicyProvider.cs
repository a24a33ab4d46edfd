using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Http;

/// <summary>
/// CORS by layer: a request under <c>/{layer}/</c> gets the layer's <c>AllowedOrigins</c> when it
/// has any, every other request the origins of <c>Http:CorsOrigins</c>. Policies are built once.
/// </summary>
internal sealed class LayerCorsPolicyProvider : ICorsPolicyProvider
{
    private readonly Task<CorsPolicy?> _default;
    private readonly Dictionary<string, Task<CorsPolicy?>> _byLayer = new(StringComparer.Ordinal);

    public LayerCorsPolicyProvider(IOptions<GatewayOptions> gateway, IOptions<LayersOptions> layers)
    {
        _default = Task.FromResult<CorsPolicy?>(Build(gateway.Value.CorsOrigins));
        foreach (var (name, layer) in layers.Value.Layers)
        {
            if (layer.AllowedOrigins.Count > 0)
            {
                _byLayer[name] = Task.FromResult<CorsPolicy?>(Build(layer.AllowedOrigins));
            }
        }
    }

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (_byLayer.Count > 0)
        {
            var path = context.Request.Path.Value.AsSpan();
            if (path.Length > 1)
            {
                var rest = path[1..];
                int slash = rest.IndexOf('/');
                if (slash > 0 && _byLayer.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(rest[..slash], out var policy))
                {
                    return policy;
                }
            }
        }

        return _default;
    }

    private static CorsPolicy Build(IReadOnlyCollection<string> origins)
    {
        var policy = new CorsPolicyBuilder();
        if (origins.Contains("*"))
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. origins]);
        }

        return policy.WithMethods("GET", "HEAD").WithExposedHeaders("ETag", "Last-Modified", "Retry-After").Build();
    }
}
