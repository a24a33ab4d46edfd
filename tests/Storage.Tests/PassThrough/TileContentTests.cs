using System.IO.Compression;
using TileCluster.Storage.PassThrough;

namespace TileCluster.Storage.Tests.PassThrough;

/// <summary>What a proxy accepts from its upstream as a tile of the layer's format.</summary>
public sealed class TileContentTests
{
    [Theory]
    [InlineData("png", "89504E470D0A1A0A0000000D49484452", "image/png", true)]
    [InlineData("png", "89504E470D0A1A0A0000000D49484452", null, true)]
    [InlineData("png", "FFD8FFE000104A464946", "image/png", false)]
    [InlineData("png", "3C68746D6C3E", "image/png", false)]
    [InlineData("png", "89504E470D0A1A0A0000000D49484452", "text/html", false)]
    [InlineData("png", "89504E47", "image/png", false)]
    [InlineData("jpeg", "FFD8FFE000104A464946", "image/jpeg", true)]
    [InlineData("jpeg", "89504E470D0A1A0A", "image/jpeg", false)]
    [InlineData("webp", "524946461A000000574542505650384C", "image/webp", true)]
    [InlineData("webp", "524946461A000000415649204C495354", "image/webp", false)]
    [InlineData("mvt", "1A0B7802", "application/x-protobuf", true)]
    [InlineData("mvt", "", "application/vnd.mapbox-vector-tile", true)]
    [InlineData("mvt", "3C68746D6C3E", "text/html; charset=utf-8", false)]
    [InlineData("geojson", "0A207B2274797065223A", "application/geo+json", true)]
    [InlineData("geojson", "5B5D", "application/json", false)]
    public void Matches_Body_IsATileOfTheFormat(string format, string hex, string? contentType, bool expected)
    {
        Assert.Equal(expected, TileContent.Matches(format, Convert.FromHexString(hex), contentType));
    }

    [Theory]
    [InlineData("mvt", true)]
    [InlineData("geojson", true)]
    [InlineData("png", false)]
    public void Plain_GzippedBody_UnzippedForVectorFormatsOnly(string format, bool unzipped)
    {
        byte[] tile = [0x1A, 0x0B, 0x78, 0x02, 0x0A, 0x04, 0x64, 0x65, 0x6D, 0x6F, 0x28, 0x80, 0x20];
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(tile);
        }

        byte[] result = TileContent.Plain(format, gzipped.ToArray());

        Assert.Equal(unzipped, result.SequenceEqual(tile));
    }
}
