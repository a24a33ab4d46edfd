using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>Registers the <c>Styles</c> section once, however many features ask for it.</summary>
public static class StylesOptionsRegistration
{
    /// <summary>
    /// Binds and validates <see cref="StylesOptions"/>. Idempotent: binding twice would append
    /// configured arrays (bounds, centre) to each other.
    /// </summary>
    public static IServiceCollection AddStylesOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<StylesOptions>)))
        {
            return services;
        }

        services.AddOptions<StylesOptions>().BindConfiguration(string.Empty).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StylesOptions>, StylesOptionsValidator>();
        return services;
    }
}
