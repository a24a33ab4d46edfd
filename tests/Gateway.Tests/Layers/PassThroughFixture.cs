using System.IO.Compression;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Storage.Outputs;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>
/// Two TileClusters and a small HTTP upstream: <see cref="Upstream"/> serves the shipped
/// <c>osm</c> layer; <see cref="Cluster"/> (no gateway cache tiers, so every request reaches its
/// silo) has pass-through layers over them: <c>up</c> proxies the upstream cluster; <c>stub</c>,
/// <c>aging</c> (CacheLifespan one hour),
/// <c>lag</c> (kept in no store, one attempt of up to a minute), <c>broken</c>, <c>html</c>, <c>slow</c> and <c>gone</c> proxy
/// <see cref="Stub"/>'s behaviours; <c>mbt</c> serves an MBTiles file written by the product's
/// own writer from the upstream's tiles, and <c>mbv</c> a hand-made vector (pbf) MBTiles file.
/// </summary>
public sealed class PassThroughFixture : IAsyncLifetime
{
    public const string Token = "passthrough-test-token";

    public const string Contact = "https://maps.example.org/about";

    /// <summary>The tiles in <c>mbt</c>: the upstream's z13 and z14 tiles over Vaduz.</summary>
    public static readonly (int Z, int X, int Y)[] MbTilesTiles = [(13, 4312, 2876), (14, 8625, 5753)];

    /// <summary>The one tile of <c>mbv</c> (XYZ 6/33/22): a Mapbox Vector Tile with one empty layer "demo", stored gzipped.</summary>
    public static readonly byte[] VectorTile = [0x1A, 0x0B, 0x78, 0x02, 0x0A, 0x04, (byte)'d', (byte)'e', (byte)'m', (byte)'o', 0x28, 0x80, 0x20];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tilecluster-passthrough-");

    internal TestCluster Upstream { get; private set; } = null!;

    internal TestCluster Cluster { get; private set; } = null!;

    internal LocalTileServer Stub { get; private set; } = null!;

    public HttpClient Client => Cluster.Client;

    /// <summary>The upstream's own bytes of each tile in <c>mbt</c>.</summary>
    public Dictionary<(int Z, int X, int Y), byte[]> UpstreamTiles { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Stub = LocalTileServer.Start();
        Upstream = await TestCluster.StartAsync(1);
        string mbt = await WriteMbTilesAsync();
        string mbv = WriteVectorMbTiles();
        Cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["TILECLUSTER_Admin__Token"] = Token,
            ["TILECLUSTER_Cache__Chains__default__0__Kind"] = "none",
            ["TILECLUSTER_Layers__up__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__up__Provider__Url"] = $"{Upstream.BaseAddress.ToString().TrimEnd('/')}/osm/{{Z}}/{{X}}/{{Y}}.png",
            ["TILECLUSTER_Layers__stub__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__stub__Provider__Url"] = Stub.Template("ok", "{z}/{x}/{y}"),
            ["TILECLUSTER_Layers__stub__Provider__Contact"] = Contact,
            ["TILECLUSTER_Layers__aging__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__aging__Provider__Url"] = Stub.Template("ok"),
            ["TILECLUSTER_Layers__aging__CacheLifespan"] = "01:00:00",
            ["TILECLUSTER_Layers__lag__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__lag__Provider__Url"] = Stub.Template("lag"),
            ["TILECLUSTER_Layers__lag__Store__Layout"] = "none",
            ["TILECLUSTER_Layers__lag__Provider__Timeout"] = "00:01:00",
            ["TILECLUSTER_Layers__lag__Provider__Retries"] = "0",
            ["TILECLUSTER_Layers__broken__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__broken__Provider__Url"] = Stub.Template("error"),
            ["TILECLUSTER_Layers__broken__Provider__Retries"] = "1",
            ["TILECLUSTER_Layers__html__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__html__Provider__Url"] = Stub.Template("html"),
            ["TILECLUSTER_Layers__slow__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__slow__Provider__Url"] = Stub.Template("slow"),
            ["TILECLUSTER_Layers__slow__Provider__Timeout"] = "00:00:01",
            ["TILECLUSTER_Layers__slow__Provider__Retries"] = "1",
            ["TILECLUSTER_Layers__gone__Provider__Kind"] = "proxy",
            ["TILECLUSTER_Layers__gone__Provider__Url"] = Stub.Template("missing"),
            ["TILECLUSTER_Layers__mbt__Provider__Kind"] = "mbtiles",
            ["TILECLUSTER_Layers__mbt__Provider__File"] = mbt,
            ["TILECLUSTER_Layers__mbv__Provider__Kind"] = "mbtiles",
            ["TILECLUSTER_Layers__mbv__Provider__File"] = mbv,
        });
    }

    /// <summary>The kept file of a pass-through tile in the <c>tiles</c> layout.</summary>
    public string TileFile(string layer, int z, int x, int y, string extension = "png") =>
        Path.Combine(Cluster.StoreRoot, layer, z.ToString(System.Globalization.CultureInfo.InvariantCulture), x.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{y}.{extension}");

    /// <summary>POSTs an expire list for <paramref name="layer"/> at one zoom.</summary>
    public async Task<HttpResponseMessage> ExpireAsync(string layer, int zoom, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/admin/expire?style={layer}&minZoom={zoom}&maxZoom={zoom}", UriKind.Relative)) { Content = new StringContent(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>An MBTiles file made by <see cref="MbTilesWriter"/> from a tree of the upstream cluster's tiles.</summary>
    private async Task<string> WriteMbTilesAsync()
    {
        string tree = Path.Combine(_folder.FullName, "tree");
        foreach (var (z, x, y) in MbTilesTiles)
        {
            byte[] bytes = await Upstream.Client.GetByteArrayAsync(new Uri($"/osm/{z}/{x}/{y}.png", UriKind.Relative));
            UpstreamTiles[(z, x, y)] = bytes;
            string path = Path.Combine(tree, $"{z}", $"{x}", $"{y}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }

        string file = Path.Combine(_folder.FullName, "vaduz.mbtiles");
        await MbTilesWriter.WriteAsync(tree, file, new MbTilesMetadata("Vaduz", null, 9.50, 47.12, 9.55, 47.16, 13, 14, Attribution: "Vaduz test tiles"), null, CancellationToken.None);
        return file;
    }

    /// <summary>An MBTiles file written by hand as other tools write vector tilesets: format pbf, gzipped tiles, TMS rows.</summary>
    private string WriteVectorMbTiles()
    {
        string file = Path.Combine(_folder.FullName, "vector.mbtiles");
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE metadata (name TEXT, value TEXT);
            CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
            INSERT INTO metadata VALUES ('name', 'demo'), ('format', 'pbf'), ('minzoom', '5'), ('maxzoom', '7'), ('bounds', '9.47,47.04,9.64,47.28');
            INSERT INTO tiles VALUES (6, 33, 41, $data);
            """;
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(VectorTile);
        }

        command.Parameters.AddWithValue("$data", gzipped.ToArray());
        command.ExecuteNonQuery();
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }

        if (Stub is not null)
        {
            await Stub.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }
}
