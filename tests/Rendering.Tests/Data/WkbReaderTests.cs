using TileCluster.Rendering.Data;
using Xunit;

namespace TileCluster.Rendering.Tests.Data;

public sealed class WkbReaderTests
{
    // Identity-like transform: x stays, y flips (device y grows downwards).
    private static readonly PixelTransform Flip = new(0, 0, 1);

    // Hex from PostGIS: ST_AsBinary(g, 'NDR' / 'XDR') and ST_AsEWKB.
    [Theory]
    [InlineData("0101000000000000000000f03f0000000000000040", "P:1,-2")]
    [InlineData("00000000013ff00000000000004000000000000000", "P:1,-2")]
    [InlineData("0101000020110f0000000000000000f03f0000000000000040", "P:1,-2")]
    [InlineData("01e9030000000000000000f03f00000000000000400000000000000840", "P:1,-2")]
    [InlineData("0101000000000000000000f87f000000000000f87f", "")]
    [InlineData("010200000003000000000000000000000000000000000000000000000000002440000000000000000000000000000024400000000000002440", "L:0,0 10,0 10,-10")]
    [InlineData("000000000200000003000000000000000000000000000000004024000000000000000000000000000040240000000000004024000000000000", "L:0,0 10,0 10,-10")]
    [InlineData("01030000000200000005000000000000000000000000000000000000000000000000001040000000000000000000000000000010400000000000001040000000000000000000000000000010400000000000000000000000000000000004000000000000000000f03f000000000000f03f0000000000000040000000000000f03f00000000000000400000000000000040000000000000f03f000000000000f03f", "R:0,0 4,0 4,-4 0,-4 0,0|R:1,-1 2,-1 2,-2 1,-1")]
    [InlineData("0104000000020000000101000000000000000000f03f000000000000f03f010100000000000000000008400000000000000840", "P:1,-1|P:3,-3")]
    [InlineData("000000000500000002000000000200000002000000000000000000000000000000003ff00000000000003ff0000000000000000000000200000003400000000000000040000000000000004008000000000000400800000000000040100000000000004010000000000000", "L:0,0 1,-1|L:2,-2 3,-3 4,-4")]
    [InlineData("0106000000020000000103000000010000000400000000000000000000000000000000000000000000000000f03f0000000000000000000000000000f03f000000000000f03f000000000000000000000000000000000103000000010000000400000000000000000014400000000000001440000000000000184000000000000014400000000000001840000000000000184000000000000014400000000000001440", "R:0,0 1,0 1,-1 0,0|R:5,-5 6,-5 6,-6 5,-5")]
    [InlineData("01070000000200000001010000000000000000001c40000000000000204001020000000200000000000000000000000000000000000000000000000000f03f000000000000f03f", "P:7,-8|L:0,0 1,-1")]
    public void Read_ValidWkb_DecodesParts(string hex, string expected)
    {
        var buffer = new GeometryBuffer();

        WkbReader.Read(Convert.FromHexString(hex), Flip, buffer);

        Assert.Equal(expected, Describe(buffer));
    }

    [Fact]
    public void Read_Transform_MapsMetresToPixels()
    {
        var buffer = new GeometryBuffer();
        var transform = new PixelTransform(OriginX: 100, OriginY: 50, PixelsPerMetre: 0.5);

        WkbReader.Read(Convert.FromHexString("0101000000000000000000594000000000000000c0"), transform, buffer);

        Assert.Equal("P:0,26", Describe(buffer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("02")]
    [InlineData("0101000000000000000000f03f")]
    [InlineData("0108000000")]
    [InlineData("0102000000ffffff7f")]
    public void Read_MalformedWkb_ThrowsFormatException(string hex) =>
        Assert.Throws<FormatException>(() => WkbReader.Read(Convert.FromHexString(hex), Flip, new GeometryBuffer()));

    [Fact]
    public void Read_ManyParts_GrowsBuffers()
    {
        var buffer = new GeometryBuffer();
        byte[] point = Convert.FromHexString("0101000000000000000000f03f0000000000000040");

        for (int i = 0; i < 2000; i++)
        {
            WkbReader.Read(point, Flip, buffer);
        }

        Assert.Equal(2000, buffer.PartCount);
        Assert.Equal(PartKind.Point, buffer.KindOf(1999));
    }

    private static string Describe(GeometryBuffer buffer)
    {
        var parts = new List<string>();
        for (int p = 0; p < buffer.PartCount; p++)
        {
            var points = buffer.PointsOf(p);
            var coords = new List<string>();
            for (int i = 0; i < points.Length; i += 2)
            {
                coords.Add(FormattableString.Invariant($"{points[i]},{points[i + 1]}"));
            }

            parts.Add(buffer.KindOf(p).ToString()[0] + ":" + string.Join(' ', coords));
        }

        return string.Join('|', parts);
    }
}
