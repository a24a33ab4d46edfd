using TileCluster.Grains.Abstractions.Placement;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Placement;

/// <summary>How keys move between silos as members come and go: the point of rendezvous placement.</summary>
public sealed class RendezvousTests
{
    private static readonly string[] Three = ["silo-1", "silo-2", "silo-3"];

    /// <summary>10,000 metatile keys: a 100 × 100 block of z14 metatiles.</summary>
    private static readonly MetatileKey[] Keys = [.. Enumerable.Range(0, 10_000).Select(i =>
    {
        Assert.True(MetatileCoord.TryCreate(14, 8 * (i % 100), 8 * (i / 100), out var metatile, out _));
        return new MetatileKey("osm", 1, metatile);
    })];

    [Fact]
    public void Owner_ThreeSilos_SpreadsKeysEvenly()
    {
        var counts = new int[Three.Length];
        foreach (var key in Keys)
        {
            counts[Rendezvous.Owner(key, Three)]++;
        }

        Assert.All(counts, c => Assert.InRange(c / (double)Keys.Length, 0.30, 0.37));
    }

    [Fact]
    public void Owner_FourthSiloJoins_MovesAboutAQuarterOfKeys_AllToIt()
    {
        string[] four = [.. Three, "silo-4"];
        int moved = 0;
        foreach (var key in Keys)
        {
            int before = Rendezvous.Owner(key, Three);
            int after = Rendezvous.Owner(key, four);
            if (after != before)
            {
                moved++;
                Assert.Equal("silo-4", four[after]);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"a 4th silo took {moved} of {Keys.Length} keys");
        Assert.InRange(moved / (double)Keys.Length, 0.2, 0.3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Owner_SiloLeaves_MovesOnlyItsOwnKeys(int leaving)
    {
        string[] rest = [.. Three.Where((_, i) => i != leaving)];
        int owned = 0;
        foreach (var key in Keys)
        {
            string before = Three[Rendezvous.Owner(key, Three)];
            string after = rest[Rendezvous.Owner(key, rest)];
            if (before == Three[leaving])
            {
                owned++;
            }
            else
            {
                Assert.Equal(before, after);
            }
        }

        Assert.True(owned > 0, "the leaving silo owned nothing");
    }

    [Fact]
    public void Owner_OrderOfMembers_DoesNotMatter()
    {
        string[] reversed = [.. Three.Reverse()];
        foreach (var key in Keys.Take(1000))
        {
            Assert.Equal(Three[Rendezvous.Owner(key, Three)], reversed[Rendezvous.Owner(key, reversed)]);
        }
    }

    /// <summary>
    /// Pinned hashes and owners, computed independently (FNV-1a of the UTF-8 style name, then
    /// MurmurHash3's finaliser per field, in Python): a change here would move every stored
    /// metatile of an upgraded cluster to another silo, so it must never happen by accident.
    /// </summary>
    [Theory]
    [InlineData("osm", 1, 12, 2152, 1432, 5473299895480201172UL, 2, 3)]
    [InlineData("osm", 2, 17, 69000, 46024, 9943144458946396808UL, 1, 1)]
    [InlineData("ö-style", 1, 0, 0, 0, 1044460724326775778UL, 1, 3)]
    [InlineData("osm", 1, 18, 131064, 91384, 12383497697468453220UL, 2, 2)]
    public void Hash_AndOwner_AreStableAcrossBuilds(string style, int scale, int z, int x, int y, ulong hash, int ownerOfThree, int ownerOfFour)
    {
        Assert.True(MetatileCoord.TryCreate(z, x, y, out var metatile, out _));
        var key = new MetatileKey(style, scale, metatile);
        string[] four = [.. Three, "silo-4"];
        var fourHashes = new ulong[four.Length];
        Rendezvous.HashSilos(four, fourHashes);

        Assert.Equal(hash, Rendezvous.Hash(key));
        Assert.Equal(ownerOfThree, Rendezvous.Owner(key, Three));
        Assert.Equal(ownerOfFour, Rendezvous.Owner(key, four));
        Assert.Equal(ownerOfFour, Rendezvous.Owner(hash, four, fourHashes));
    }

    [Fact]
    public void Owner_NoSilos_IsMinusOne() => Assert.Equal(-1, Rendezvous.Owner(Keys[0], []));
}
