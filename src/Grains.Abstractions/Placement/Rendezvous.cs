using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing of metatile keys over silo names: a key belongs to
/// the silo with the highest weight hash(key, name). The silos' placement director and the
/// gateways' expiry batching compute the same owner from the same member list; adding a silo
/// moves only the ~1/N keys it now wins, and removing one moves only the keys it owned. Names,
/// not addresses, so a restarted silo (a StatefulSet pod keeps its name and volume) wins back
/// the keys whose tiles it stores.
/// </summary>
public static class Rendezvous
{
    /// <summary>The index in <paramref name="silos"/> of the owner of <paramref name="key"/>, or -1 when there is none.</summary>
    public static int Owner(MetatileKey key, IReadOnlyList<string> silos)
    {
        Span<ulong> siloHashes = silos.Count <= 64 ? stackalloc ulong[silos.Count] : new ulong[silos.Count];
        HashSilos(silos, siloHashes);
        return Owner(Hash(key), silos, siloHashes);
    }

    /// <summary>
    /// Hashes silo names once for many <see cref="Owner(ulong, IReadOnlyList{string}, ReadOnlySpan{ulong})"/>
    /// calls: grouping a million expired metatiles by owner should not hash the names a million times.
    /// </summary>
    public static void HashSilos(IReadOnlyList<string> silos, Span<ulong> destination)
    {
        for (int i = 0; i < silos.Count; i++)
        {
            destination[i] = Fnv1a(silos[i]);
        }
    }

    /// <summary>The owner of a key hash (<see cref="Hash"/>) among silos hashed by <see cref="HashSilos"/>; -1 when there is none.</summary>
    public static int Owner(ulong keyHash, IReadOnlyList<string> silos, ReadOnlySpan<ulong> siloHashes)
    {
        int best = -1;
        ulong bestWeight = 0;
        for (int i = 0; i < siloHashes.Length; i++)
        {
            ulong weight = Mix(keyHash ^ siloHashes[i]);
            if (best < 0 || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(silos[i], silos[best]) < 0))
            {
                best = i;
                bestWeight = weight;
            }
        }

        return best;
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

    // FNV-1a over the UTF-8 bytes, encoded one rune at a time so hashing allocates nothing.
    private static ulong Fnv1a(string text)
    {
        ulong h = 14695981039346656037;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            int length = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < length; i++)
            {
                h = (h ^ utf8[i]) * 1099511628211;
            }
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
