using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// Hands out references to metatile grains (Orleans' <c>IGrainFactory</c> contract, narrowed to
/// the one grain type this system has). A reference is cheap; the runtime decides where the
/// activation lives.
/// </summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain that owns <paramref name="key"/>.</summary>
    IMetatileGrain GetMetatileGrain(MetatileKey key);
}
