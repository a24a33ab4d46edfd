using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>The gateway's grain factory: references whose calls go to the owner silo.</summary>
internal sealed class RemoteGrainFactory(SiloClient client, ExpiryDelivery expiry) : IGrainFactory
{
    public IMetatileGrain GetMetatileGrain(MetatileKey key) => new RemoteMetatileGrainReference(key, client, expiry);
}
