using Microsoft.Extensions.DependencyInjection;
using TileCluster.Grains;

namespace TileCluster.Silo;

/// <summary>Hosting for a silo: the grains and the runtime that activates them.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds a silo to this process.</summary>
    public static IServiceCollection AddSilo(this IServiceCollection services) => services.AddMetatileGrains();
}
