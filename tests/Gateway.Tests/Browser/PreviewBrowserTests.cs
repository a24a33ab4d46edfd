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
}
