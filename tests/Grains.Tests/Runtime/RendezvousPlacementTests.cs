using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Runtime.Cluster;

namespace TileCluster.Grains.Tests.Runtime;

public sealed class RendezvousPlacementTests(ITestOutputHelper output)
{
    private static readonly MetatileKey[] Keys = Enumerable.Range(0, 20_000)
        .Select(i => new MetatileKey("osm", 1, MetatileCoord.Containing(TileCoord.Create(16, 34000 + ((i % 200) * 8), 23000 + ((i / 200) * 8)))))
        .ToArray();

    private static SiloInfo[] Silos(int n) =>
        Enumerable.Range(0, n).Select(i => new SiloInfo($"silo-{i}", new Uri($"http://127.0.0.1:{9000 + i}"), SiloState.Active)).ToArray();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Owner_SpreadsKeysEvenly(int n)
    {
        var silos = Silos(n);
        var counts = Keys.GroupBy(k => RendezvousPlacement.Owner(k, silos)!.SiloId).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal(n, counts.Count);
        double expected = Keys.Length / (double)n;
        Assert.All(counts.Values, c => Assert.InRange(c, expected * 0.93, expected * 1.07));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Owner_AddingASilo_MovesAboutOneNthOnlyToIt(int n)
    {
        var before = Silos(n);
        var after = Silos(n + 1);
        int moved = 0;
        foreach (var key in Keys)
        {
            string was = RendezvousPlacement.Owner(key, before)!.SiloId;
            string now = RendezvousPlacement.Owner(key, after)!.SiloId;
            if (was != now)
            {
                moved++;
                Assert.Equal($"silo-{n}", now);
            }
        }

        double share = moved / (double)Keys.Length;
        output.WriteLine($"{n} -> {n + 1} silos: {share:P1} of keys moved");
        Assert.InRange(share, (1.0 / (n + 1)) * 0.9, (1.0 / (n + 1)) * 1.1);
    }

    [Fact]
    public void Owner_RemovingASilo_MovesOnlyItsKeys()
    {
        var all = Silos(4);
        var without = all.Where(s => s.SiloId != "silo-2").ToArray();
        foreach (var key in Keys)
        {
            string was = RendezvousPlacement.Owner(key, all)!.SiloId;
            if (was != "silo-2")
            {
                Assert.Equal(was, RendezvousPlacement.Owner(key, without)!.SiloId);
            }
        }
    }

    [Fact]
    public void Owner_IgnoresMemberOrder_AndRankedStartsWithOwner()
    {
        var silos = Silos(5);
        var reversed = silos.Reverse().ToArray();
        foreach (var key in Keys.Take(500))
        {
            var owner = RendezvousPlacement.Owner(key, silos);
            Assert.Equal(owner, RendezvousPlacement.Owner(key, reversed));
            var ranked = RendezvousPlacement.Ranked(key, reversed);
            Assert.Equal(owner, ranked[0]);
            Assert.Equal(5, ranked.Distinct().Count());
        }
    }

    [Fact]
    public void Hash_IsPinned_SoEveryProcessAgrees()
    {
        // Worked independently (FNV-1a of the style, then MurmurHash3 fmix64 over scale, z, x, y << 1):
        // the hash may never depend on runtime randomisation such as string.GetHashCode.
        var key = new MetatileKey("osm", 1, MetatileCoord.Containing(TileCoord.Create(14, 8619, 5767)));
        Assert.Equal(0x9d358ffdfded92d9ul, RendezvousPlacement.Hash(key));
        Assert.Null(RendezvousPlacement.Owner(key, []));
    }
}
