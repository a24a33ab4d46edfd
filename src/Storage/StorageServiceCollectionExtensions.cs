using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TileCluster.Storage;

/// <summary>Registers the tile store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The mod_tile <c>.meta</c> store under <c>Store:Root</c>.</summary>
    public static IServiceCollection AddTileStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Store:Root is required")
            .ValidateOnStart();
        services.AddSingleton<ITileStore, FileTileStore>();
        return services;
    }
}
