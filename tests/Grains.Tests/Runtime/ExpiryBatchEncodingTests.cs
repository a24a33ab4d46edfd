using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Runtime.Cluster;

namespace TileCluster.Grains.Tests.Runtime;

public sealed class ExpiryBatchEncodingTests
{
    [Fact]
    public void EncodeThenDecode_RoundTrips()
    {
        MetatileCoord[] metatiles =
        [
            MetatileCoord.Containing(TileCoord.Create(0, 0, 0)),
            MetatileCoord.Containing(TileCoord.Create(17, 69002, 46026)),
            MetatileCoord.Containing(TileCoord.Create(24, 16777215, 16777215)),
        ];
        var decoded = new List<MetatileCoord>();
        Assert.True(GrainProtocol.TryDecodeMetatiles(GrainProtocol.EncodeMetatiles(metatiles), decoded, out string? error), error);
        Assert.Equal(metatiles, decoded);
    }

    [Theory]
    [InlineData(new[] { 17, 69002 }, "not a multiple of 12")]
    [InlineData(new[] { 17, 69002, 46026 }, "17/69002/46026 is not the first tile of a metatile")]
    [InlineData(new[] { 25, 0, 0 }, "zoom 25 is outside 0..24")]
    [InlineData(new[] { 3, 8, 0 }, "x 8 is outside 0..7 at zoom 3")]
    [InlineData(new[] { 17, -8, 0 }, "x -8 is outside")]
    public void Decode_RefusesBadBatches_NamingTheRecord(int[] values, string expected)
    {
        byte[] body = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(body.AsSpan(i * 4), values[i]);
        }

        Assert.False(GrainProtocol.TryDecodeMetatiles(body, [], out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
