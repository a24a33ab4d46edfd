using TileCluster.Gateway.Export;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Export;

/// <summary><c>tilecluster export</c> against a real cluster: the file it writes, and the gateway's refusals as exit codes.</summary>
public sealed class ExportCommandTests(ExportClientsFixture fixture) : IClassFixture<ExportClientsFixture>, IDisposable
{
    private const string Vaduz = "9.515,47.135,9.530,47.145";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _dir = Directory.CreateTempSubdirectory("tilecluster-export-cli-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_VaduzZ15Png_WritesTheImageOfTheComputedSize()
    {
        string file = Path.Combine(_dir, "vaduz.png");

        await using var run = await CliProcess.RunAsync(Args("--bbox", Vaduz, "--zoom", "15", "-o", file), Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        var expected = Expected(Vaduz, "15");
        var stats = PixelStats.Of(await File.ReadAllBytesAsync(file, Cancel));
        Assert.Equal((expected.WidthPx, expected.HeightPx), (stats.Image.Width, stats.Image.Height));
        Assert.True(stats.Share(Palette.Primary) > 0.01, "no primary road in central Vaduz: not the map");
        Assert.StartsWith($"wrote {file}: image/png, {new FileInfo(file).Length} bytes in ", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".part"));
    }

    [Fact]
    public async Task Export_WithoutOutput_WritesTheGatewaysFileName_InTheWorkingDirectory()
    {
        await using var run = await CliProcess.RunAsync(Args("--bbox", Vaduz, "--width", "300", "--format", "jpeg", "--no-attribution"), Patience, workingDirectory: _dir);

        Assert.True(run.ExitCode == 0, run.Output);
        string file = Path.Combine(_dir, "osm-9.515_47.135_9.53_47.145-z14.78.jpg");
        Assert.True(File.Exists(file), $"{string.Join(", ", Directory.GetFiles(_dir))}\n{run.Output}");
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, (await File.ReadAllBytesAsync(file, Cancel))[..2]);
    }

    [Fact]
    public async Task Export_FormatFromTheOutputsExtension_PdfAtDpi()
    {
        string file = Path.Combine(_dir, "vaduz.pdf");

        await using var run = await CliProcess.RunAsync(Args("--bbox", Vaduz, "--scale", "25000", "--dpi", "150", "--scale2x", "-o", file), Patience);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(file, Cancel))[..4]);
        Assert.Contains(": application/pdf, ", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("17", "HTTP 413", "Export:MaxPixels (1000000)")]
    [InlineData("18", "HTTP 413", "Export:MaxWidthPx (2000)")]
    [InlineData("21", "HTTP 400", "gives zoom 21")]
    public async Task Export_RefusedByTheGateway_Exit2_PrintsTheProblem_WritesNothing(string zoom, string status, string detail)
    {
        string file = Path.Combine(_dir, "refused.png");

        await using var run = await CliProcess.RunAsync(Args("--bbox", Vaduz, "--zoom", zoom, "-o", file), Patience);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: GET {fixture.Cluster.BaseAddress}osm/export?bbox=9.515,47.135,9.53,47.145&zoom={zoom}&format=png: {status}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(detail, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
        if (status == "HTTP 413")
        {
            Assert.Contains("larger areas are for jobs (tilecluster job submit)", run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_UnknownStyle_Exit2_SaysWhichStylesThereAre()
    {
        await using var run = await CliProcess.RunAsync(Args("--style", "nosuch", "--bbox", Vaduz, "--zoom", "15", "-o", Path.Combine(_dir, "x.png")), Patience);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HTTP 404", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("layer 'nosuch' is not configured; known layers: osm", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The size the gateway computes for the box at a zoom.</summary>
    internal static TileCluster.Grains.Abstractions.Export.ExportRequest Expected(string bbox, string zoom)
    {
        Assert.True(ExportQuery.TryParse(bbox, zoom, null, null, null, null, null, null, null, out var query, out string? error), error);
        return ExportGeometry.Resolve("osm", query);
    }

    private string[] Args(params string[] rest) => ["export", "--gateway", fixture.Cluster.BaseAddress.ToString(), .. rest];
}
