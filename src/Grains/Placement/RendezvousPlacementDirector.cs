using Orleans.Runtime;
using Orleans.Runtime.Placement;
using TileCluster.Grains.Abstractions.Placement;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Placement;

/// <summary>
/// Picks the compatible silo that wins the metatile key under <see cref="Rendezvous"/> hashing
/// over silo names. A pass-through tile goes where its metatile would (expiries are delivered by
/// metatile). A key that is neither falls back to hashing its text.
/// </summary>
internal sealed class RendezvousPlacementDirector(SiloNames names) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 1)
        {
            return Task.FromResult(silos[0]);
        }

        string text = target.GrainIdentity.Key.ToString()!;
        var key = MetatileKey.TryParseGrainKey(text, out var parsed) ? parsed
            : PassThroughTileKey.TryParseGrainKey(text, out var tile) ? tile.Owner
            : new MetatileKey(text, 1, default);
        return Task.FromResult(silos[Rendezvous.Owner(key, names.Of(silos))]);
    }
}
