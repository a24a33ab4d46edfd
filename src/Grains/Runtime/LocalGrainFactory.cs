using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime;

/// <summary>The in-process grain factory: every key's activation lives in this silo.</summary>
internal sealed class LocalGrainFactory(ActivationTable<MetatileKey, IMetatileGrain> activations) : IGrainFactory
{
    public IMetatileGrain GetMetatileGrain(MetatileKey key) => new LocalMetatileGrainReference(key, activations);
}
