using Microsoft.Playwright;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Browser;

/// <summary>Headless Debian Chromium opens the preview page and sees map tiles load.</summary>
public sealed class PreviewBrowserTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Preview_InChromium_LoadsMapTilesAndAttribution()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs Debian's chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        var failed = new List<string>();
        page.RequestFailed += (_, request) => failed.Add(request.Url);

        await page.GotoAsync(new Uri(fixture.Cluster.BaseAddress, "/osm/preview.html").ToString());

        // Leaflet marks an <img> with leaflet-tile-loaded once its PNG decoded.
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('img.leaflet-tile-loaded').length >= 12",
            null,
            new PageWaitForFunctionOptions { Timeout = 120_000 });
        int loaded = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('img.leaflet-tile-loaded')].filter(i => i.naturalWidth === 256).length");
        string attribution = await page.InnerTextAsync(".leaflet-control-attribution");

        string artifacts = Path.Combine(RepositoryPaths.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "preview.png") });

        Assert.True(loaded >= 12, $"only {loaded} tiles loaded");
        Assert.Contains("OpenStreetMap contributors", attribution);
        Assert.Empty(failed);

        // The view is in the address, as on openstreetmap.org, and a linked view opens there.
        Assert.Matches(@"#13/47\.14\d\d/9\.52\d\d$", page.Url);
        await page.GotoAsync(new Uri(fixture.Cluster.BaseAddress, "/osm/preview.html#17/47.1398/9.5215").ToString());
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('info').textContent.includes('z17')");
        Assert.Contains("z17 · 47.1398, 9.5215", await page.InnerTextAsync("#info"));
    }

    [Fact]
    public async Task VectorPreview_InChromium_DrawsMvtTilesWithMapLibre_WithoutConsoleErrors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs Debian's chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,

            // MapLibre needs WebGL: with no GPU, Chromium's software renderer (SwiftShader) provides it.
            Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        var errors = new List<string>();
        var failed = new List<string>();
        var tiles = new List<(string Url, int Status)>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => failed.Add(request.Url);
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith(".mvt", StringComparison.Ordinal))
            {
                lock (tiles)
                {
                    tiles.Add((response.Url, response.Status));
                }
            }
        };

        await page.GotoAsync(new Uri(fixture.Cluster.BaseAddress, "/osm-vector/preview.html").ToString());

        // The page's map is a top-level const: once its style and the visible tiles are in, it is drawn.
        try
        {
            await page.WaitForFunctionAsync(
                "() => typeof map !== 'undefined' && map.isStyleLoaded() && map.areTilesLoaded() && map.queryRenderedFeatures().length > 0",
                null,
                new PageWaitForFunctionOptions { Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            string state = await page.EvaluateAsync<string>("() => typeof map === 'undefined' ? 'no map' : JSON.stringify({ style: map.isStyleLoaded(), tiles: map.areTilesLoaded(), features: map.queryRenderedFeatures().length, zoom: map.getZoom() })");
            Assert.Fail($"MapLibre did not draw: {state}; errors: {string.Join(" | ", errors)}; failed: {string.Join(" ", failed)}; {tiles.Count} tiles fetched");
        }
        int features = await page.EvaluateAsync<int>("() => map.queryRenderedFeatures().length");
        string attribution = await page.InnerTextAsync(".maplibregl-ctrl-attrib");

        string artifacts = Path.Combine(RepositoryPaths.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "vector-preview.png") });

        Assert.Empty(errors);
        Assert.Empty(failed);
        lock (tiles)
        {
            Assert.True(tiles.Count >= 4, $"only {tiles.Count} vector tiles were fetched");
            Assert.All(tiles, t => Assert.True(t.Status == 200, $"{t.Url}: {t.Status}"));
        }

        Assert.True(features > 0, "MapLibre drew no features");
        Assert.Contains("OpenStreetMap contributors", attribution);
    }
}
