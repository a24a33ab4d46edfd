using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace TileCluster.Grains.Placement;

/// <summary>
/// Places the grain on the silo named by its key; if no compatible silo has that name (it left),
/// on the local silo, which then serves the call without the owner's shortcuts.
/// </summary>
internal sealed class NamedSiloPlacementDirector(SiloNames names) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        string name = target.GrainIdentity.Key.ToString()!;
        int index = Array.IndexOf(names.Of(silos), name);
        if (index >= 0)
        {
            return Task.FromResult(silos[index]);
        }

        return Task.FromResult(silos.Contains(context.LocalSilo) ? context.LocalSilo : silos[0]);
    }
}
