using System.Globalization;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Grains.Abstractions.Placement;
using TileCluster.Grains.Abstractions.Tiles;
using static TileCluster.Gateway.Tests.Cluster.ClusterRequests;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>
/// Placement by silo name brings a metatile's grain back to the silo whose disk holds its tiles.
/// Each silo has a store of its own here, so a grain placed anywhere else would render again.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class LocalityTests
{
    private static readonly string[] Names = ["silo-1", "silo-2", "silo-3"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 400_000)]
    public async Task AllSilosRestartedUnderTheirNames_RerequestedTiles_ZeroNewRenders()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, NoHotCache, storePerSilo: true);
        var paths = MetatilePaths(30, z: 12, x0: 2144, y0: 1424);
        await AssertAllServedAsync(cluster, paths);
        Assert.Equal(30, await cluster.RendersAsync());

        // Each silo holds exactly the grains that rendezvous hashing over the names gives it.
        var expected = ExpectedSpread(paths);
        var spread = await ActivationsBySiloAsync(cluster);
        TestContext.Current.TestOutputHelper?.WriteLine("activations per silo: " + string.Join(", ", spread.Select(s => $"{s.Key} {s.Value}")));
        Assert.Equal(expected, spread);
        Assert.All(spread.Values, count => Assert.True(count > 0, "a silo got no metatiles"));

        // Every grain goes: all silos stop (draining their grains) and start again with the same names.
        foreach (var silo in cluster.Silos)
        {
            silo.Terminate();
        }

        for (int i = 0; i < cluster.Silos.Count; i++)
        {
            await cluster.RestartSiloAsync(i);
        }

        await cluster.WaitForActiveSilosAsync(3);
        Assert.Equal(0, await cluster.RendersAsync());
        Assert.All((await cluster.SiloStatusAsync()).Select(s => s.GetProperty("activations").GetInt32()), a => Assert.Equal(0, a));

        await AssertAllServedAsync(cluster, paths);
        Assert.Equal(0, await cluster.RendersAsync());
        Assert.Equal(expected, await ActivationsBySiloAsync(cluster));
    }

    private static SortedDictionary<string, int> ExpectedSpread(IEnumerable<string> paths)
    {
        var spread = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in Names)
        {
            spread[name] = 0;
        }

        foreach (string path in paths)
        {
            int[] zxy = [.. path[..^".png".Length].Split('/')[2..].Select(part => int.Parse(part, CultureInfo.InvariantCulture))];
            var key = MetatileKey.For("osm", 1, TileCoord.Create(zxy[0], zxy[1], zxy[2]));
            spread[Names[Rendezvous.Owner(key, Names)]]++;
        }

        return spread;
    }

    private static async Task<SortedDictionary<string, int>> ActivationsBySiloAsync(TestCluster cluster) =>
        new((await cluster.SiloStatusAsync()).ToDictionary(s => s.GetProperty("siloId").GetString()!, s => s.GetProperty("activations").GetInt32()), StringComparer.Ordinal);
}
