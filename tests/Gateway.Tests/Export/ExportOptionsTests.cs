using TileCluster.Gateway.Export;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Gateway.Tests.Export;

public sealed class ExportOptionsTests
{
    // Limits raised far beyond the defaults, as an operator of a big machine might: JPEG still stops
    // at its frame's 16-bit sides, the other formats at the configured limits.
    [Theory]
    [InlineData(ExportFormat.Png, 70000, 100, null)]
    [InlineData(ExportFormat.GeoTiff, 100, 70000, null)]
    [InlineData(ExportFormat.Jpeg, 65535, 100, null)]
    [InlineData(ExportFormat.Jpeg, 65536, 100, "JPEG's largest side (65535)")]
    [InlineData(ExportFormat.Jpeg, 100, 70000, "JPEG's largest side (65535)")]
    [InlineData(ExportFormat.Png, 100_001, 10, "Export:MaxWidthPx (100000)")]
    [InlineData(ExportFormat.Jpeg, 10, 100_001, "Export:MaxHeightPx (100000)")]
    [InlineData(ExportFormat.Png, 50_000, 50_000, "Export:MaxPixels (1000000000)")]
    public void ExceededLimit_NamesTheLimit(ExportFormat format, int width, int height, string? expected)
    {
        var options = new ExportOptions { MaxWidthPx = 100_000, MaxHeightPx = 100_000, MaxPixels = 1_000_000_000 };
        var request = new ExportRequest("osm", 0, 0, 1, 1, width, height, 15, 1, format, 96, true);

        Assert.Equal(expected, options.ExceededLimit(request));
    }
}
