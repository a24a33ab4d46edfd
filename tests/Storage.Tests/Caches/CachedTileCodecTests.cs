using TileCluster.Storage.Caches;

namespace TileCluster.Storage.Tests.Caches;

/// <summary>How shared tiers store a tile: it comes back whole, and anything else is a miss rather than an error.</summary>
public sealed class CachedTileCodecTests
{
    [Theory]
    [InlineData(0, "\"a\"")]
    [InlineData(1, "\"0123456789abcdef\"")]
    [InlineData(70_000, "W/\"weak-ünïcode\"")]
    public void EncodeThenDecode_GivesTheSameTile(int bytes, string etag)
    {
        var tile = new CachedTile([.. Enumerable.Range(0, bytes).Select(i => (byte)i)], etag, new DateTimeOffset(2013, 8, 3, 12, 34, 56, TimeSpan.Zero));
        var back = CachedTileCodec.Decode(CachedTileCodec.Encode(tile));
        Assert.NotNull(back);
        Assert.Equal(tile.Bytes, back.Bytes);
        Assert.Equal(etag, back.ETag);
        Assert.Equal(tile.LastModified, back.LastModified);
        Assert.Equal("Sat, 03 Aug 2013 12:34:56 GMT", back.LastModifiedHeader);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 0, 0 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 65 })]
    [InlineData(new byte[] { 1, 255, 255, 255, 255, 255, 255, 255, 127, 0, 0 })]
    public void Decode_NotATile_IsNull(byte[] value) => Assert.Null(CachedTileCodec.Decode(value));
}
