using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>A reference to a metatile grain in another process.</summary>
internal sealed class RemoteMetatileGrainReference(MetatileKey key, SiloClient client) : IMetatileGrain
{
    public ValueTask<TileResult> GetTileAsync(TileCoord tile, CancellationToken cancellationToken) => client.GetTileAsync(key, tile, cancellationToken);

    public ValueTask<TileStatus> RenderAsync(CancellationToken cancellationToken) => client.RenderAsync(key, cancellationToken);
}
