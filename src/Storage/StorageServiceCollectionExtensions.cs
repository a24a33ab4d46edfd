using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TileCluster.Storage.S3;

namespace TileCluster.Storage;

/// <summary>Registers the tile store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The mod_tile <c>.meta</c> store under <c>Store:Root</c>, with the S3 bucket of <c>Store:S3</c>
    /// behind it when <c>Store:S3:Bucket</c> is set. One store serves every layer.
    /// </summary>
    public static IServiceCollection AddTileStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton<FileTileStore>();
        services.AddSingleton<S3StoreMetrics>();
        services.AddSingleton<S3MetatileBucket>();
        services.AddSingleton<S3WriteQueue>();
        services.AddSingleton<TieredTileStore>();
        services.AddSingleton<ITileStore>(static sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value.S3.Enabled
            ? sp.GetRequiredService<TieredTileStore>()
            : sp.GetRequiredService<FileTileStore>());
        return services;
    }
}
