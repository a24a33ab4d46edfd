using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using TileCluster.Gateway.Export;
using TileCluster.Gateway.Tests.Export;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Browser;

/// <summary>
/// The preview page's Export panel in headless Debian Chromium, against a real cluster with small
/// export limits: the size and verdict it shows are the gateway's, a dragged box downloads a PNG
/// of exactly the size shown.
/// </summary>
public sealed partial class ExportPanelBrowserTests(ExportClientsFixture fixture) : IClassFixture<ExportClientsFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Vaduz = "9.515,47.135,9.530,47.145";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // The box and the size fields as the panel sends them: zoom, scale, width, height, ratio.
    private static readonly (string Bbox, string? Zoom, string? Scale, string? Width, string? Height, string? Ratio)[] Queries =
    [
        (Vaduz, "15", null, null, null, null),
        (Vaduz, "16", null, null, null, null),
        (Vaduz, "14.3", null, null, null, null),
        (Vaduz, "15", null, null, null, "2"),
        (Vaduz, null, "25000", null, null, null),
        (Vaduz, null, "10000", null, null, "2"),
        (Vaduz, null, null, "1000", null, null),
        (Vaduz, null, null, null, "500", null),
        (Vaduz, null, null, "1000", "100", null),
        ("9.47,47.04,9.64,47.28", "13", null, null, null, null),
        ("9.47,47.04,9.64,47.28", "12.5", null, null, null, "3"),
        ("-180,-85.0511,180,85.0511", "0", null, null, null, null),
        ("9.52,47.10,9.525,47.20", "16", null, null, null, null),
        (Vaduz, "17", null, null, null, null),
        (Vaduz, "18", null, null, null, null),
        (Vaduz, "20.5", null, null, null, null),
        ("0.1,0.1,0.2,0.2", null, "1000000000", null, null, null),
    ];

    [Fact]
    public async Task Panel_SizeAndVerdict_AreTheGateways_ForEveryWayOfSizing()
    {
        await using var session = await OpenAsync();
        var page = session.Page;

        var limits = await page.EvaluateAsync<JsonElement>("() => config.export");
        Assert.Equal(ExportClientsFixture.MaxWidthPx, limits.GetProperty("maxWidthPx").GetInt32());
        Assert.Equal(ExportClientsFixture.MaxHeightPx, limits.GetProperty("maxHeightPx").GetInt32());
        Assert.Equal(ExportClientsFixture.MaxPixels, limits.GetProperty("maxPixels").GetInt64());

        var statuses = new HashSet<int>();
        foreach (var (bbox, zoom, scale, width, height, ratio) in Queries)
        {
            var fields = new Dictionary<string, string?> { ["bbox"] = bbox, ["zoom"] = zoom, ["scale"] = scale, ["width"] = width, ["height"] = height, ["ratio"] = ratio, ["format"] = "png" };
            var panel = await page.EvaluateAsync<JsonElement>(
                "fields => TileClusterExportGeometry.check(fields, { minZoom: config.minZoom, maxZoom: config.maxZoom, ...config.export })",
                fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value));
            string what = string.Join('&', fields.Where(f => f.Value is not null).Select(f => $"{f.Key}={f.Value}"));

            Assert.True(ExportQuery.TryParse(bbox, zoom, scale, width, height, "png", null, ratio, null, out var query, out string? error), error);
            var server = ExportGeometry.Resolve("osm", query);
            Assert.True(server.WidthPx == panel.GetProperty("widthPx").GetInt32(), $"{what}: width {server.WidthPx} on the server, {panel.GetProperty("widthPx")} in the panel");
            Assert.True(server.HeightPx == panel.GetProperty("heightPx").GetInt32(), $"{what}: height {server.HeightPx} on the server, {panel.GetProperty("heightPx")} in the panel");
            Assert.Equal(server.Zoom, panel.GetProperty("zoom").GetDouble(), 9);

            // What the panel refuses, the gateway refuses with the same status and limit (no render needed to find out).
            int status = panel.GetProperty("status").GetInt32();
            statuses.Add(status);
            if (status != 200)
            {
                using var response = await fixture.Client.GetAsync(new Uri($"/osm/export?{what}", UriKind.Relative), Cancel);
                string body = await response.Content.ReadAsStringAsync(Cancel);
                Assert.True(status == (int)response.StatusCode, $"{what}: the panel says {status}, the gateway {(int)response.StatusCode} {body}");
                Assert.Contains(panel.GetProperty("field").GetString()!, body, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(server.WidthPx <= ExportClientsFixture.MaxWidthPx && server.HeightPx <= ExportClientsFixture.MaxHeightPx && (long)server.WidthPx * server.HeightPx <= ExportClientsFixture.MaxPixels, $"{what}: the panel allows {server.WidthPx}x{server.HeightPx}");
            }
        }

        Assert.Equal(new[] { 200, 400, 413 }, statuses.Order());
    }

    [Fact]
    public async Task Panel_DragABox_DownloadsAPngOfTheSizeShown_TooLargeIsRefusedBeforeAsking()
    {
        await using var session = await OpenAsync();
        var page = session.Page;

        await page.ClickAsync("#export-toggle");
        await page.ClickAsync("#export-draw");
        await page.Mouse.MoveAsync(300, 300);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(400, 380, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(500, 450, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();

        // At the map's own zoom the image is the box as dragged on the screen: 200 x 150 CSS pixels.
        await page.WaitForFunctionAsync("() => document.getElementById('export-size').dataset.width !== undefined");
        int width = int.Parse(await page.GetAttributeAsync("#export-size", "data-width") ?? "0", CultureInfo.InvariantCulture);
        int height = int.Parse(await page.GetAttributeAsync("#export-size", "data-height") ?? "0", CultureInfo.InvariantCulture);
        Assert.InRange(width, 198, 202);
        Assert.InRange(height, 148, 152);
        Assert.Contains("Within the limits", await page.InnerTextAsync("#export-verdict"), StringComparison.Ordinal);
        string bbox = string.Join(',', await Task.WhenAll(new[] { "west", "south", "east", "north" }.Select(f => page.InputValueAsync($"#export-{f}"))));
        Assert.Matches(@"^9\.\d+,47\.1\d*,9\.\d+,47\.1\d*$", bbox);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-download"), new PageRunAndWaitForDownloadOptions { Timeout = 120_000 });
        string file = Path.Combine(Path.GetTempPath(), $"panel-{Guid.NewGuid():N}.png");
        await download.SaveAsAsync(file);
        try
        {
            Assert.Null(await download.FailureAsync());
            Assert.EndsWith("-z13.png", download.SuggestedFilename, StringComparison.Ordinal);
            var stats = PixelStats.Of(await File.ReadAllBytesAsync(file, Cancel));
            Assert.Equal((width, height), (stats.Image.Width, stats.Image.Height));
            Assert.True(stats.DistinctColors() > 8, "the downloaded image is (nearly) blank");
        }
        finally
        {
            File.Delete(file);
        }

        string artifacts = Path.Combine(RepositoryPaths.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "export-panel.png") });

        // The same box at z16 (1600 x 1200) is beyond Export:MaxPixels: the panel says so and offers no download.
        await page.FillAsync("#export-zoom", "16");
        await page.WaitForFunctionAsync("() => document.getElementById('export-verdict').dataset.status === '413'");
        Assert.Contains("Export:MaxPixels", await page.InnerTextAsync("#export-verdict"), StringComparison.Ordinal);
        Assert.Null(await page.GetAttributeAsync("#export-download", "href"));
        Assert.Equal("true", await page.GetAttributeAsync("#export-download", "aria-disabled"));

        // Back to the current view: the area follows the map again.
        await page.ClickAsync("#export-view");
        Assert.Equal("13", await page.InputValueAsync("#export-zoom"));
        Assert.NotEqual(bbox, string.Join(',', await Task.WhenAll(new[] { "west", "south", "east", "north" }.Select(f => page.InputValueAsync($"#export-{f}")))));
        Assert.Empty(session.Errors);
    }

    private async Task<BrowserSession> OpenAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs Debian's chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var session = new BrowserSession(playwright, browser, page);
        page.PageError += (_, error) => session.Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("Failed to load resource", StringComparison.Ordinal))
            {
                session.Errors.Add(message.Text);
            }
        };
        var response = await page.GotoAsync(new Uri(fixture.Cluster.BaseAddress, "/osm/preview.html").ToString());
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await page.WaitForFunctionAsync("() => typeof TileClusterExportGeometry === 'object' && typeof L.Draw === 'object'");
        return session;
    }

    private sealed class BrowserSession(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public IPage Page => page;

        public List<string> Errors { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
