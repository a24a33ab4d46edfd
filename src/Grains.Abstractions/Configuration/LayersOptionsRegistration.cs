using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>Registers the <c>Layers</c> section once, however many features ask for it.</summary>
public static class LayersOptionsRegistration
{
    /// <summary>
    /// Binds and validates <see cref="LayersOptions"/>. Idempotent: binding twice would append
    /// configured lists (bounds, origins) to each other.
    /// </summary>
    public static IServiceCollection AddLayersOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<LayersOptions>)))
        {
            return services;
        }

        services.AddOptions<LayersOptions>().BindConfiguration(string.Empty).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LayersOptions>, LayersOptionsValidator>();
        return services;
    }
}
