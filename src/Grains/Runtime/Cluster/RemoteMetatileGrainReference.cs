using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>A reference to a metatile grain on whichever silo owns it; calls go over HTTP/2.</summary>
internal sealed class RemoteMetatileGrainReference(MetatileKey key, SiloClient client, ExpiryDelivery expiry) : IMetatileGrain
{
    public ValueTask<TileResult> GetTileAsync(TileCoord tile, CancellationToken cancellationToken) => client.GetTileAsync(key, tile, cancellationToken);

    public ValueTask<TileStatus> RenderAsync(CancellationToken cancellationToken) => client.RenderAsync(key, cancellationToken);

    public async ValueTask<ExpireOutcome> ExpireAsync(CancellationToken cancellationToken)
    {
        var report = await expiry.DeliverAsync([Single()], waitForHot: false, TimeSpan.Zero, cancellationToken);
        return report.NotStored > 0 ? ExpireOutcome.NotStored : report.HotRefreshing > 0 ? ExpireOutcome.Refreshing : ExpireOutcome.Dirtied;
    }

    public async ValueTask<TileStatus> WaitForRefreshAsync(CancellationToken cancellationToken)
    {
        var result = await expiry.WaitForRefreshAsync(key, TimeSpan.FromHours(1), cancellationToken);
        return result.Failed + result.TimedOut > 0 ? TileStatus.Unavailable : TileStatus.Ok;
    }

    private ExpiryTarget Single()
    {
        var set = new MetatileSet();
        set.Add(key.Metatile.Z, key.Metatile.X / MetatileCoord.Size, key.Metatile.Y / MetatileCoord.Size);
        return new ExpiryTarget(key.Style, key.Scale, set);
    }
}
