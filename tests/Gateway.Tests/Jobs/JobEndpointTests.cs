using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TileCluster.Gateway.Tests.Jobs;

/// <summary>Jobs through real HTTP on real silos: submit, progress, outputs, cancel, and every refusal.</summary>
public sealed class JobEndpointTests(JobsFixture fixture) : IClassFixture<JobsFixture>
{
    private const string SmallBox = "[9.50,47.12,9.54,47.16]";
    private const string Vaduz = "[9.515,47.135,9.530,47.145]";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_SmallBox_StatusPassesThroughQueuedRunningDone()
    {
        var submitted = await fixture.SubmitAcceptedAsync($$"""{"style":"osm","bbox":{{SmallBox}},"zoom":"12-15","kind":"seed","name":"small seed"}""");
        string id = submitted.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$", id);
        Assert.Equal("queued", submitted.GetProperty("state").GetString());
        Assert.Equal($"/jobs/{id}/status.json", submitted.GetProperty("statusUrl").GetString());

        var (states, status) = await fixture.WaitFinishedAsync(id);

        Assert.Equal(["queued", "running", "done"], new[] { "queued" }.Concat(states).Distinct());
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal("small seed", status.GetProperty("name").GetString());
        var tiles = Assert.Single(status.GetProperty("progress").EnumerateArray());
        Assert.Equal(("tiles", 6, 6, "metatiles"), (tiles.GetProperty("output").GetString(), tiles.GetProperty("done").GetInt32(), tiles.GetProperty("total").GetInt32(), tiles.GetProperty("unit").GetString()));
        Assert.InRange(status.GetProperty("renders").GetInt32(), 0, 6);
        Assert.Equal(JsonValueKind.String, status.GetProperty("finished").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("eta").ValueKind);
        var spec = status.GetProperty("spec");
        Assert.Equal(("osm", "12-15", "seed"), (spec.GetProperty("style").GetString(), spec.GetProperty("zoom").GetString(), spec.GetProperty("kind").GetString()));
        Assert.Equal([9.50, 47.12, 9.54, 47.16], spec.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()));

        // The seed filled the store: its tiles come back without a render.
        long before = await fixture.Cluster.RendersAsync();
        using var tile = await fixture.Client.GetAsync(new Uri("/osm/15/17250/11505.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal(before, await fixture.Cluster.RendersAsync());
    }

    [Fact]
    public async Task Export_XyzAndTms_TreeIsTheTileListAndFlippedRowsServeTheSameImage()
    {
        var (id, status) = await RunExportAsync($$"""{"style":"osm","bbox":{{Vaduz}},"zoom":"14-16","kind":"export","outputs":["xyz","png"]}""");

        string tree = Path.Combine(fixture.JobsRoot, id, "tiles");
        var expected = ExpectedTiles(9.515, 47.135, 9.530, 47.145, 14, 16).Select(t => $"{t.Z}/{t.X}/{t.Y}.png").Order(StringComparer.Ordinal).ToArray();
        var written = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(tree, p)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, written);

        var outputs = status.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal($"/jobs/{id}/xyz/{{z}}/{{x}}/{{y}}.png", outputs.Single(o => o.GetProperty("kind").GetString() == "xyz").GetProperty("url").GetString());
        foreach (var (z, x, y) in ExpectedTiles(9.515, 47.135, 9.530, 47.145, 14, 16))
        {
            byte[] xyz = await fixture.Client.GetByteArrayAsync(new Uri($"/jobs/{id}/xyz/{z}/{x}/{y}.png", UriKind.Relative), Cancel);
            byte[] tms = await fixture.Client.GetByteArrayAsync(new Uri($"/jobs/{id}/tms/{z}/{x}/{(1 << z) - 1 - y}.png", UriKind.Relative), Cancel);
            Assert.Equal(xyz, tms);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(tree, $"{z}", $"{x}", $"{y}.png"), Cancel), xyz);
        }

        // Outside the box: not in the tree.
        using var outside = await fixture.Client.GetAsync(new Uri($"/jobs/{id}/xyz/14/0/0.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);

        var pngs = outputs.Where(o => o.GetProperty("kind").GetString() == "png").ToArray();
        Assert.Equal([14, 15, 16], pngs.Select(o => o.GetProperty("zoom").GetInt32()));
        Assert.Equal($"/jobs/{id}/files/osm-z15.png", pngs[1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Export_MbTilesZipTms_HoldTheTileListAndGdalReadsThem()
    {
        var (id, status) = await RunExportAsync($$"""{"style":"osm","bbox":{{Vaduz}},"zoom":"13-15","kind":"export","outputs":["tms","mbtiles","zip"],"name":"Vaduz tiles"}""");
        var expected = ExpectedTiles(9.515, 47.135, 9.530, 47.145, 13, 15).ToArray();
        Assert.Equal(["tiles", "tms", "mbtiles", "zip"], status.GetProperty("progress").EnumerateArray().Select(p => p.GetProperty("output").GetString()!));
        Assert.All(status.GetProperty("progress").EnumerateArray(), p => Assert.Equal(p.GetProperty("total").GetInt32(), p.GetProperty("done").GetInt32()));
        var outputs = status.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("kind").GetString()!, o => o);
        Assert.Equal($"/jobs/{id}/tms/{{z}}/{{x}}/{{y}}.png", outputs["tms"].GetProperty("url").GetString());
        Assert.Equal($"/jobs/{id}/files/osm-13-15.mbtiles", outputs["mbtiles"].GetProperty("url").GetString());
        Assert.Equal($"/jobs/{id}/files/osm-13-15.zip", outputs["zip"].GetProperty("url").GetString());

        string scratch = Directory.CreateTempSubdirectory("jobs-download-").FullName;
        try
        {
            string mbtiles = Path.Combine(scratch, "vaduz.mbtiles");
            await File.WriteAllBytesAsync(mbtiles, await fixture.Client.GetByteArrayAsync(new Uri(outputs["mbtiles"].GetProperty("url").GetString()!, UriKind.Relative), Cancel), Cancel);
            Assert.Equal(outputs["mbtiles"].GetProperty("bytes").GetInt64(), new FileInfo(mbtiles).Length);
            string rows = await RunAsync("sqlite3", mbtiles, "SELECT zoom_level || '/' || tile_column || '/' || tile_row FROM tiles");
            Assert.Equal(
                expected.Select(t => $"{t.Z}/{t.X}/{(1 << t.Z) - 1 - t.Y}").Order(StringComparer.Ordinal),
                rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            string info = await RunAsync("gdalinfo", mbtiles);
            Assert.Contains("Driver: MBTiles", info, StringComparison.Ordinal);

            string zip = Path.Combine(scratch, "vaduz.zip");
            await File.WriteAllBytesAsync(zip, await fixture.Client.GetByteArrayAsync(new Uri(outputs["zip"].GetProperty("url").GetString()!, UriKind.Relative), Cancel), Cancel);
            using (var archive = System.IO.Compression.ZipFile.OpenRead(zip))
            {
                Assert.Equal(
                    expected.Select(t => $"{t.Z}/{t.X}/{t.Y}.png").Order(StringComparer.Ordinal),
                    archive.Entries.Where(e => e.Name.Length > 0).Select(e => e.FullName).Order(StringComparer.Ordinal));
            }

            foreach (string path in new[] { $"/jobs/{id}/tilemapresource.xml", $"/jobs/{id}/tms/tilemapresource.xml" })
            {
                var xml = System.Xml.Linq.XDocument.Parse(await fixture.Client.GetStringAsync(new Uri(path, UriKind.Relative), Cancel));
                Assert.Equal("Vaduz tiles", xml.Root!.Element("Title")!.Value);
                Assert.Equal(["13", "14", "15"], xml.Root.Element("TileSets")!.Elements("TileSet").Select(e => e.Attribute("href")!.Value));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Files_RangeRequest_PartialContentWithLengthAndDisposition()
    {
        var (id, status) = await RunExportAsync($$"""{"style":"osm","bbox":{{Vaduz}},"zoom":"15","kind":"export","outputs":["png"]}""");
        var png = status.GetProperty("outputs").EnumerateArray().Single();
        string url = png.GetProperty("url").GetString()!;
        long bytes = png.GetProperty("bytes").GetInt64();

        using var whole = await fixture.Client.GetAsync(new Uri(url, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(bytes, whole.Content.Headers.ContentLength);
        Assert.Equal("image/png", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", whole.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("osm-z15.png", whole.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("bytes", whole.Headers.AcceptRanges);
        byte[] all = await whole.Content.ReadAsByteArrayAsync(Cancel);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(8, 23);
        using var part = await fixture.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(16, part.Content.Headers.ContentLength);
        Assert.Equal($"bytes 8-23/{bytes}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(all[8..24], await part.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(id, status.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Submit_SameSpecTwice_SecondIsANewJobAndTheFirstKeepsItsOutputs()
    {
        string spec = $$"""{"style":"osm","bbox":{{Vaduz}},"zoom":"13","kind":"export","outputs":["xyz","jpeg"]}""";
        var (first, firstStatus) = await RunExportAsync(spec);
        var firstFiles = Directory.EnumerateFiles(Path.Combine(fixture.JobsRoot, first), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p))).ToArray();

        var (second, _) = await RunExportAsync(spec);

        Assert.NotEqual(first, second);
        var again = Directory.EnumerateFiles(Path.Combine(fixture.JobsRoot, first), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p))).ToArray();
        Assert.Equal(firstFiles.Select(f => f.p), again.Select(f => f.p));
        Assert.All(firstFiles.Zip(again), pair => Assert.Equal(pair.First.Item2, pair.Second.Item2));
        var firstAgain = await fixture.StatusAsync(first);
        Assert.Equal(("done", firstStatus.GetProperty("finished").GetString()), (firstAgain.GetProperty("state").GetString(), firstAgain.GetProperty("finished").GetString()));

        using var list = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/jobs?limit=2", UriKind.Relative), Cancel));
        var ids = list.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToArray();
        Assert.Equal([second, first], ids);
    }

    [Fact]
    public async Task Delete_RunningJob_CancelledWithinSeconds()
    {
        var submitted = await fixture.SubmitAcceptedAsync("""{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"16-17","kind":"seed"}""");
        string id = submitted.GetProperty("id").GetString()!;
        await fixture.WaitFinishedAsync(id, s => s.GetProperty("state").GetString() == "running");

        using var delete = await fixture.DeleteAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var body = JsonDocument.Parse(await delete.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("cancelled", body.RootElement.GetProperty("state").GetString());
        var (_, status) = await fixture.WaitFinishedAsync(id);
        Assert.Equal("cancelled", status.GetProperty("state").GetString());
        var tiles = status.GetProperty("progress")[0];
        Assert.True(tiles.GetProperty("done").GetInt32() < tiles.GetProperty("total").GetInt32(), "the job finished before it was cancelled");

        using var again = await fixture.DeleteAsync(id);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [InlineData("""{"style":"osm","bbox":[9.54,47.12,9.50,47.16],"zoom":"12","kind":"seed"}""", "bbox is empty or inverted")]
    [InlineData("""{"style":"osm","bbox":"9.5,47.12,NaN,47.16","zoom":"12","kind":"seed"}""", "bbox must be four numbers")]
    [InlineData("""{"style":"osm","bbox":[9.50,47.12,9.54,47.16],"zoom":"12-20","kind":"seed"}""", "zoom 12-20 is outside 0..19 for layer 'osm'")]
    [InlineData("""{"style":"osm","bbox":[9.50,47.12,9.54,47.16],"zoom":"15-12","kind":"seed"}""", "inverted")]
    [InlineData("""{"style":"osm","bbox":[9.50,47.12,9.54,47.16],"zoom":"12","kind":"seed","outputs":["tms"]}""", "outputs are for export jobs")]
    [InlineData("""{"style":"osm","bbox":[9.50,47.12,9.54,47.16],"zoom":"12","kind":"export","outputs":["webp"]}""", "unknown output 'webp'")]
    [InlineData("""{"style":"osm","bbox":[9.50,47.12,9.54,47.16],"zoom":"12","kind":"seed","extra":true}""", "unknown field 'extra'")]
    [InlineData("""{"style":"osm",""", "not valid JSON")]
    [InlineData("""{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"17","kind":"export","outputs":["png"]}""", "Export:MaxWidthPx (8192)")]
    [InlineData("""{"style":"osm","bbox":[-180,-85,180,85],"zoom":"0-19","kind":"seed"}""", "Jobs:MaxMetatiles (1000000)")]
    public async Task Submit_BadSpec_400NamingTheProblem_NothingCreated(string json, string expected)
    {
        int before = await JobCountAsync();

        using var response = await fixture.SubmitAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before, await JobCountAsync());
    }

    [Fact]
    public async Task Submit_OversizedBody_400()
    {
        string json = $$"""{"style":"osm","bbox":{{SmallBox}},"zoom":"12","kind":"seed","name":"{{new string('x', 70_000)}}"}""";

        using var response = await fixture.SubmitAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 65536 bytes", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_UnknownStyle_404()
    {
        using var response = await fixture.SubmitAsync($$"""{"style":"nope","bbox":{{SmallBox}},"zoom":"12","kind":"seed"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("layer 'nope' is not configured", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-value")]
    public async Task Submit_AndDelete_WithoutTheToken_401(string? token)
    {
        int before = await JobCountAsync();

        using var submit = await fixture.SubmitAsync($$"""{"style":"osm","bbox":{{SmallBox}},"zoom":"12","kind":"seed"}""", token);
        using var delete = await fixture.DeleteAsync("20261130-064512-3f9a1c", token);

        Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        Assert.Equal(before, await JobCountAsync());
    }

    [Theory]
    [InlineData("/jobs/20261130-064512-000000", HttpStatusCode.NotFound)]
    [InlineData("/jobs/20261130-064512-000000/status.json", HttpStatusCode.NotFound)]
    [InlineData("/jobs/Upper-Case", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/a.b/status.json", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/..%2f..%2fetc/status.json", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/abc/files/.hidden", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/abc/files/%2e%2e%2f%2e%2e%2fconfig.json", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/abc/files/none.png", HttpStatusCode.NotFound)]
    [InlineData("/jobs/abc/xyz/3/8/0.png", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/abc/tms/3/0/x.png", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/abc/xyz/3/0/0.png", HttpStatusCode.NotFound)]
    [InlineData("/jobs/abc/tilemapresource.xml", HttpStatusCode.NotFound)]
    [InlineData("/jobs?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/jobs?limit=x", HttpStatusCode.BadRequest)]
    public async Task Get_BadOrUnknownIdsAndNames_400Or404(string path, HttpStatusCode expected)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Sent as raw bytes: HttpClient's Uri would resolve the dot segments before sending.</summary>
    [Theory]
    [InlineData("/jobs/%2e%2e/status.json")]
    [InlineData("/jobs/%2E%2E/%2e%2e/config/tilecluster.json")]
    [InlineData("/jobs/../status.json")]
    [InlineData("/jobs/abc/files/%2e%2e%2f%2e%2e%2f..%2fconfig.json")]
    [InlineData("/jobs/abc/files/../../../config/tilecluster.json")]
    [InlineData("/jobs/abc/xyz/../../../../etc/passwd")]
    public async Task Get_DotSegmentsInTheRawPath_400(string path)
    {
        var address = fixture.Cluster.BaseAddress;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Cancel);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n"), Cancel);
        using var reader = new StreamReader(stream);
        string response = await reader.ReadToEndAsync(Cancel);

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("never a dot segment", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_UnknownOrMalformedId_404Or400()
    {
        using var unknown = await fixture.DeleteAsync("20261130-064512-000000");
        using var malformed = await fixture.DeleteAsync("a.b");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private async Task<(string Id, JsonElement Status)> RunExportAsync(string json)
    {
        var submitted = await fixture.SubmitAcceptedAsync(json);
        string id = submitted.GetProperty("id").GetString()!;
        var (_, status) = await fixture.WaitFinishedAsync(id);
        Assert.True(status.GetProperty("state").GetString() == "done", status.ToString());
        return (id, status);
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = await process.StandardOutput.ReadToEndAsync(Cancel);
        string errors = await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"{program} failed: {errors}");
        return output;
    }

    private async Task<int> JobCountAsync()
    {
        using var list = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/jobs?limit=1000", UriKind.Relative), Cancel));
        return list.RootElement.GetProperty("jobs").GetArrayLength();
    }

    /// <summary>The tile list computed here independently: the slippy-map formulas of the OSM wiki.</summary>
    private static IEnumerable<(int Z, int X, int Y)> ExpectedTiles(double west, double south, double east, double north, int minZoom, int maxZoom)
    {
        for (int z = minZoom; z <= maxZoom; z++)
        {
            double n = Math.Pow(2, z);
            int x0 = (int)Math.Floor((west + 180) / 360 * n), x1 = (int)Math.Floor((east + 180) / 360 * n);
            int y0 = (int)Math.Floor((1 - (Math.Asinh(Math.Tan(north * Math.PI / 180)) / Math.PI)) / 2 * n);
            int y1 = (int)Math.Floor((1 - (Math.Asinh(Math.Tan(south * Math.PI / 180)) / Math.PI)) / 2 * n);
            for (int x = x0; x <= x1; x++)
            {
                for (int y = y0; y <= y1; y++)
                {
                    yield return (z, x, y);
                }
            }
        }
    }
}
