using Orleans.Runtime;

namespace TileCluster.Grains.Placement;

/// <summary>The names of the silos a grain may be placed on, from Orleans' membership snapshot.</summary>
internal sealed class SiloNames(IClusterMembershipService membership)
{
    /// <summary>
    /// Names of <paramref name="silos"/>, index-aligned. A silo whose name is not in the snapshot
    /// yet (it just joined) is named by its address, which is unique.
    /// </summary>
    public string[] Of(SiloAddress[] silos)
    {
        var members = membership.CurrentSnapshot.Members;
        var names = new string[silos.Length];
        for (int i = 0; i < silos.Length; i++)
        {
            names[i] = members.TryGetValue(silos[i], out var member) && !string.IsNullOrEmpty(member.Name) ? member.Name : silos[i].ToString();
        }

        return names;
    }
}
