using System.Text;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: a key belongs to the active silo with the highest
/// weight hash(key, silo). Every gateway and silo computes the same owner from the same member
/// list, with no directory to keep; adding a silo moves only the ~1/N keys it now wins, and
/// removing one moves only the keys it owned.
/// </summary>
public static class RendezvousPlacement
{
    /// <summary>The owner of <paramref name="key"/>, or null when there is no silo.</summary>
    public static SiloInfo? Owner(MetatileKey key, IReadOnlyList<SiloInfo> silos)
    {
        ulong keyHash = Hash(key);
        SiloInfo? best = null;
        ulong bestWeight = 0;
        foreach (var silo in silos)
        {
            ulong weight = Weight(keyHash, silo.SiloId);
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(silo.SiloId, best.SiloId) < 0))
            {
                best = silo;
                bestWeight = weight;
            }
        }

        return best;
    }

    /// <summary>All silos in preference order for <paramref name="key"/>: the owner first, then who takes over if it fails.</summary>
    public static SiloInfo[] Ranked(MetatileKey key, IReadOnlyList<SiloInfo> silos)
    {
        ulong keyHash = Hash(key);
        var ranked = silos.ToArray();
        var weights = ranked.Select(s => Weight(keyHash, s.SiloId)).ToArray();
        Array.Sort(weights, ranked, Comparer<ulong>.Create(static (a, b) => b.CompareTo(a)));
        return ranked;
    }

    /// <summary>A stable 64-bit hash of the key (the same in every process and every run).</summary>
    public static ulong Hash(MetatileKey key)
    {
        ulong h = Fnv1a(key.Style);
        h = Mix(h ^ (ulong)key.Scale);
        h = Mix(h ^ (ulong)key.Metatile.Z);
        h = Mix(h ^ (ulong)(uint)key.Metatile.X);
        return Mix(h ^ ((ulong)(uint)key.Metatile.Y << 1));
    }

    private static ulong Weight(ulong keyHash, string siloId) => Mix(keyHash ^ Fnv1a(siloId));

    private static ulong Fnv1a(string text)
    {
        ulong h = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            h = (h ^ b) * 1099511628211;
        }

        return h;
    }

    // MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb3fe1a85ec53;
        h ^= h >> 33;
        return h;
    }
}
