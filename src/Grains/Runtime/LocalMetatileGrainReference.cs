using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime;

/// <summary>
/// A reference to a metatile grain hosted in this process: each call is dispatched to the key's
/// activation, in its turn. (Orleans generates these; here it is written by hand.)
/// </summary>
internal sealed class LocalMetatileGrainReference(MetatileKey key, ActivationTable<MetatileKey, IMetatileGrain> activations) : IMetatileGrain
{
    public ValueTask<TileResult> GetTileAsync(TileCoord tile, CancellationToken cancellationToken) =>
        activations.InvokeAsync(key, tile, static (grain, t, ct) => grain.GetTileAsync(t, ct), cancellationToken);

    public ValueTask<TileStatus> RenderAsync(CancellationToken cancellationToken) =>
        activations.InvokeAsync(key, 0, static (grain, _, ct) => grain.RenderAsync(ct), cancellationToken);

    public ValueTask<ExpireOutcome> ExpireAsync(CancellationToken cancellationToken) =>
        activations.InvokeAsync(key, 0, static (grain, _, ct) => grain.ExpireAsync(ct), cancellationToken);

    public ValueTask<TileStatus> WaitForRefreshAsync(CancellationToken cancellationToken) =>
        activations.InvokeInterleavedAsync(key, 0, static (grain, _, ct) => grain.WaitForRefreshAsync(ct), cancellationToken);
}
