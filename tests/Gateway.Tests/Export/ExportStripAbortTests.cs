using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Export;

/// <summary>A silo lost in the middle of a streamed export, with clusters of their own.</summary>
public sealed class ExportStripAbortTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Png_SiloKilledMidStream_TransferBreaksInsteadOfEndingAsAFile()
    {
        await using var cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["TILECLUSTER_Export__StripHeightPx"] = "16",
            ["TILECLUSTER_Export__StripsInFlight"] = "1",
        });

        // 2000 x 2940 pixels: 184 strips of 16 rows, rendered one after another.
        using var response = await cluster.Client.GetAsync(
            new Uri("/osm/export?bbox=9.50,47.10,9.56,47.16&width=2000&format=png", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        byte[] buffer = new byte[8];
        await body.ReadExactlyAsync(buffer, Cancel);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, buffer);

        cluster.Silos[0].Kill();

        // The rest of the body never completes: the client sees a broken transfer, not a short PNG.
        await Assert.ThrowsAnyAsync<IOException>(async () => await body.CopyToAsync(Stream.Null, Cancel));
        await WaitForAsync(() => cluster.Gateway.Output.Contains("aborted mid-stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Png_OneOfTwoSilosKilledMidStream_TheOtherRendersItsStripsAndTheFileIsWhole()
    {
        await using var cluster = await TestCluster.StartAsync(2, new Dictionary<string, string>
        {
            ["TILECLUSTER_Export__StripHeightPx"] = "16",
            ["TILECLUSTER_Export__StripsInFlight"] = "2",
        });

        // 1000 x 1470 pixels: 92 strips of 16 rows, taken in turn by the two silos.
        var uri = new Uri("/osm/export?bbox=9.50,47.10,9.56,47.16&width=1000&format=png", UriKind.Relative);
        using var response = await cluster.Client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        var streamed = new MemoryStream();
        byte[] buffer = new byte[8];
        await body.ReadExactlyAsync(buffer, Cancel);
        streamed.Write(buffer);

        cluster.Silos[1].Kill();

        // The strips the dead silo had, or would have had, are rendered by the live one.
        await body.CopyToAsync(streamed, Cancel);
        await WaitForAsync(() => cluster.Gateway.Output.Contains("moved to silo", StringComparison.Ordinal), "the gateway did not log a strip moved to the live silo");
        var stats = PixelStats.Of(streamed.ToArray());
        Assert.Equal((1000, 1470), (stats.Image.Width, stats.Image.Height));

        // The same export from the one silo left is the same file, byte for byte: nothing missing or doubled.
        byte[] again = await cluster.Client.GetByteArrayAsync(uri, Cancel);
        Assert.Equal(again, streamed.ToArray());
    }

    private static async Task WaitForAsync(Func<bool> condition, string failure = "the gateway did not log the aborted export")
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100, Cancel);
        }

        Assert.True(condition(), failure);
    }
}
