using Npgsql;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Replication;

/// <summary>
/// The bundled replication diffs applied with the real osm2pgsql --append to scratch copies of
/// the imported sample: what the replicator does, without it. Checks the fixture
/// (data/sample/replication-fixture/README.md) and the test infrastructure the replication tests
/// build on (ScratchDatabase, ReplicationDirectory).
/// </summary>
public sealed class ReplicationFixtureTests
{
    // Tiles over central Vaduz where the fixture's three edits show.
    private static readonly TileCoord[] VaduzTiles = [TileCoord.Create(16, 34501, 23013), TileCoord.Create(17, 69002, 46026), TileCoord.Create(17, 69003, 46026)];

    [Fact]
    public async Task RealPlanetDiff_AppliesToScratchCopy_ExpireListParses()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var db = await ScratchDatabase.CreateAsync(cancel);
        TestContext.Current.TestOutputHelper?.WriteLine($"{db.Name} from {db.Template ?? "an import"}: {db.CreateTime.TotalMilliseconds:F0} ms");
        using var replication = ReplicationDirectory.Create(ReplicationDirectory.FirstSequence);
        Assert.Equal(ReplicationDirectory.FirstSequence, ReplicationDirectory.ReadState(replication.SourceStateFile).Sequence);
        Assert.False(File.Exists(replication.ChangeFile(ReplicationDirectory.FixtureSequence)));

        byte[] expire = await Osm2pgsql.AppendAsync(db.ConnectionString, replication.ChangeFile(ReplicationDirectory.FirstSequence), cancellationToken: cancel);

        var list = ExpireList.Parse(expire);
        Assert.True(list.IsValid, string.Join('\n', list.Errors.Select(e => e.ToString())));
        // 403 lines with osm2pgsql 1.8; a few hundred in any version.
        Assert.InRange(list.Tiles.Count, 100, 2000);
        Assert.Equal(Enumerable.Range(10, 9), list.Tiles.Select(t => t.Z).Distinct().Order());
        // The planet diff touches nothing in Liechtenstein (z10 538..539/359).
        Assert.DoesNotContain(list.Tiles, t => t.Z == 10 && (t.X is 538 or 539) && t.Y == 359);
    }

    [Fact]
    public async Task VaduzFixture_PublishedAfterTheFirst_RenamesStreetDeletesBuildingMovesNode()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var db = await ScratchDatabase.CreateAsync(cancel);
        using var replication = ReplicationDirectory.Create(ReplicationDirectory.FirstSequence);
        await Osm2pgsql.AppendAsync(db.ConnectionString, replication.ChangeFile(ReplicationDirectory.FirstSequence), cancellationToken: cancel);

        Assert.Equal(ReplicationDirectory.FixtureSequence, replication.PublishNext());
        var state = ReplicationDirectory.ReadState(replication.SourceStateFile);
        Assert.Equal(ReplicationDirectory.FixtureSequence, state.Sequence);
        Assert.Equal(new DateTimeOffset(2013, 8, 4, 20, 14, 0, TimeSpan.Zero), state.Timestamp);
        byte[] expire = await Osm2pgsql.AppendAsync(db.ConnectionString, replication.ChangeFile(ReplicationDirectory.FixtureSequence), cancellationToken: cancel);

        var list = ExpireList.Parse(expire);
        Assert.True(list.IsValid, string.Join('\n', list.Errors.Select(e => e.ToString())));
        foreach (var tile in VaduzTiles)
        {
            Assert.Contains(tile, list.Tiles);
        }

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(cancel);
        // (a) way 39 renamed, in both tables that hold it.
        Assert.Equal("Replikationsstrasse", await ScalarAsync<string>(connection, "SELECT name FROM planet_osm_line WHERE osm_id = 39"));
        Assert.Equal("Replikationsstrasse", await ScalarAsync<string>(connection, "SELECT name FROM planet_osm_roads WHERE osm_id = 39"));
        // (b) the Kunstmuseum (way 333) gone.
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM planet_osm_polygon WHERE osm_id = 333"));
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM planet_osm_ways WHERE id = 333"));
        // (c) node 6604 moved (1e-7 degrees), and Marktgass (way 344) now runs through it.
        Assert.Equal(471407079, await ScalarAsync<int>(connection, "SELECT lat FROM planet_osm_nodes WHERE id = 6604"));
        Assert.Equal(95206774, await ScalarAsync<int>(connection, "SELECT lon FROM planet_osm_nodes WHERE id = 6604"));
        Assert.True(await ScalarAsync<bool>(connection,
            "SELECT ST_DWithin(way, ST_Transform(ST_SetSRID(ST_MakePoint(9.5206774, 47.1407079), 4326), 3857), 0.5) FROM planet_osm_line WHERE osm_id = 344"));

        // The shared test database is untouched.
        await using var shared = new NpgsqlConnection(RepositoryPaths.TestConnectionString);
        await shared.OpenAsync(cancel);
        Assert.Equal("Äulestrasse", await ScalarAsync<string>(shared, "SELECT name FROM planet_osm_line WHERE osm_id = 39"));
        Assert.Equal(1L, await ScalarAsync<long>(shared, "SELECT count(*) FROM planet_osm_polygon WHERE osm_id = 333"));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        object? value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return Assert.IsType<T>(value);
    }
}
