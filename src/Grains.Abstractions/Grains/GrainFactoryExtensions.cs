using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>Typed references to this system's grains.</summary>
public static class GrainFactoryExtensions
{
    /// <summary>The grain that owns <paramref name="key"/>.</summary>
    public static IMetatileGrain GetMetatileGrain(this IGrainFactory grains, MetatileKey key) => grains.GetGrain<IMetatileGrain>(key.GrainKey);

    /// <summary>The grain that passes <paramref name="key"/>'s tile through from its layer's source.</summary>
    public static IPassThroughTileGrain GetPassThroughTileGrain(this IGrainFactory grains, PassThroughTileKey key) => grains.GetGrain<IPassThroughTileGrain>(key.GrainKey);

    /// <summary>The agent of the silo named <paramref name="siloName"/>.</summary>
    public static ISiloAgentGrain GetSiloAgent(this IGrainFactory grains, string siloName) => grains.GetGrain<ISiloAgentGrain>(siloName);
}
