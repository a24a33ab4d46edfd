using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Grains.Tests.Export;

public sealed class StripRowsTests
{
    [Theory]
    [InlineData(ExportFormat.Png, 4000, 512, 512)]
    [InlineData(ExportFormat.Png, 700, 64, 64)]
    [InlineData(ExportFormat.GeoTiff, 700, 100, 100)]
    [InlineData(ExportFormat.Jpeg, 4000, 512, 512)]
    [InlineData(ExportFormat.Jpeg, 700, 64, 64)]
    [InlineData(ExportFormat.Jpeg, 700, 100, 96)] // whole MCU rows
    [InlineData(ExportFormat.Jpeg, 700, 15, 16)] // at least one MCU row
    [InlineData(ExportFormat.Jpeg, 65535, 500, 496)]
    public void For_FormatWidthAndConfiguredRows_GivesTheRowsPerStrip(ExportFormat format, int widthPx, int configuredPx, int expected) =>
        Assert.Equal(expected, StripRows.For(format, widthPx, configuredPx));

    [Fact]
    public void For_JpegWiderThanItsFrameCanSay_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StripRows.For(ExportFormat.Jpeg, 65536, 512));

    [Theory]
    [InlineData(ExportFormat.Png, true)]
    [InlineData(ExportFormat.Jpeg, true)]
    [InlineData(ExportFormat.GeoTiff, true)]
    [InlineData(ExportFormat.Pdf, false)]
    [InlineData(ExportFormat.Svg, false)]
    public void InStrips_RastersDoVectorsDoNot(ExportFormat format, bool expected) =>
        Assert.Equal(expected, StripRows.InStrips(format));
}
