using Microsoft.Playwright;
using TileCluster.Gateway.Tests.Export;

namespace TileCluster.Gateway.Tests.Browser;

// The Export panel's job part: a job started from the page and followed in its list.
public sealed partial class ExportPanelBrowserTests
{
    [Fact]
    public async Task Panel_StartsASeedJob_WithTheTypedToken_AndSeesItFinishInTheList()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.ClickAsync("#export-toggle");
        foreach (var (field, value) in new[] { ("west", "9.515"), ("south", "47.135"), ("east", "9.53"), ("north", "47.145") })
        {
            await page.FillAsync($"#export-{field}", value);
        }

        await page.FillAsync("#job-zooms", "12-13");
        await page.SelectOptionAsync("#job-kind", "seed");
        await page.FillAsync("#job-name", "panel seed");

        // Without the token nothing is sent.
        await page.ClickAsync("#job-start");
        Assert.Contains("admin token", await page.InnerTextAsync("#job-message"), StringComparison.Ordinal);

        await page.FillAsync("#job-token", ExportClientsFixture.Token);
        await page.ClickAsync("#job-start");
        await page.WaitForFunctionAsync("() => /^Job [a-z0-9-]+ started\\.$/.test(document.getElementById('job-message').textContent)");
        string id = (await page.InnerTextAsync("#job-message"))["Job ".Length..^" started.".Length];

        // The list polls GET /jobs: the job shows up and reaches done, its tiles all rendered or reused.
        await page.WaitForFunctionAsync(
            "id => document.querySelector(`#job-list li[data-job-id=\"${id}\"]`)?.dataset.state === 'done'",
            id,
            new PageWaitForFunctionOptions { Timeout = 180_000 });
        var item = page.Locator($"#job-list li[data-job-id=\"{id}\"]");
        int metatiles = JobCommandsTests.Metatiles(9.515, 47.135, 9.53, 47.145, 12, 13);
        Assert.Contains($"{metatiles}/{metatiles} metatiles", await item.Locator(".tc-progress[data-output=tiles]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("panel seed", await item.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"/jobs/{id}/status.json", await item.Locator("a", new LocatorLocatorOptions { HasText = "status.json" }).GetAttributeAsync("href"));
        Assert.Equal(0, await item.Locator(".tc-cancel").CountAsync());

        // The same box as an export job (TMS and MBTiles are ticked): the outputs are listed as links and templates.
        await page.SelectOptionAsync("#job-kind", "export");
        await page.FillAsync("#job-name", "panel export");
        await page.ClickAsync("#job-start");
        await page.WaitForFunctionAsync("previous => { const m = /^Job ([a-z0-9-]+) started\\.$/.exec(document.getElementById('job-message').textContent); return m && m[1] !== previous; }", id);
        string exportId = (await page.InnerTextAsync("#job-message"))["Job ".Length..^" started.".Length];
        await page.WaitForFunctionAsync(
            "id => document.querySelector(`#job-list li[data-job-id=\"${id}\"]`)?.dataset.state === 'done'",
            exportId,
            new PageWaitForFunctionOptions { Timeout = 180_000 });
        var export = page.Locator($"#job-list li[data-job-id=\"{exportId}\"]");
        Assert.Equal($"{fixture.Cluster.BaseAddress}jobs/{exportId}/tms/{{zoom}}/{{x}}/{{-y}}.png", await export.Locator(".tc-output[data-kind=tms] code").InnerTextAsync());
        string? mbtiles = await export.Locator(".tc-output[data-kind=mbtiles] a").GetAttributeAsync("href");
        Assert.Matches($"^/jobs/{exportId}/files/[^/]+\\.mbtiles$", mbtiles);
        using (var file = await fixture.Client.GetAsync(new Uri(mbtiles!, UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, file.StatusCode);
        }

        string artifacts = Path.Combine(TileCluster.Tests.Shared.RepositoryPaths.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        await export.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "export-panel-jobs.png") });

        // The token was not kept anywhere but the field.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        Assert.DoesNotContain(ExportClientsFixture.Token, page.Url, StringComparison.Ordinal);
        Assert.Empty(session.Errors);
    }
}
