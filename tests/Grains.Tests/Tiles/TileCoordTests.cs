using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Tiles;

public sealed class TileCoordTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(14, 8619, 5767)]
    [InlineData(24, 16777215, 16777215)]
    public void TryCreate_InRange_Succeeds(int z, int x, int y)
    {
        Assert.True(TileCoord.TryCreate(z, x, y, out var tile, out var error));
        Assert.Null(error);
        Assert.Equal((z, x, y), (tile.Z, tile.X, tile.Y));
    }

    [Theory]
    [InlineData(-1, 0, 0, "zoom -1")]
    [InlineData(25, 0, 0, "zoom 25")]
    [InlineData(0, 1, 0, "x 1 is outside 0..0")]
    [InlineData(3, 8, 0, "x 8 is outside 0..7")]
    [InlineData(3, 0, 8, "y 8 is outside 0..7")]
    [InlineData(3, -1, 0, "x -1")]
    [InlineData(3, 0, -5, "y -5")]
    public void TryCreate_OutOfRange_NamesTheProblem(int z, int x, int y, string expected)
    {
        Assert.False(TileCoord.TryCreate(z, x, y, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(3, 2, 5)]
    [InlineData(14, 5767, 10616)]
    public void TmsY_FlipsRows(int z, int y, int expected) =>
        Assert.Equal(expected, TileCoord.Create(z, 0, y).TmsY);

    // TMS row 0 is the southern edge: y' = 2^z - 1 - y, at both edges of every zoom to 19.
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    [InlineData(2, 0, 3)]
    [InlineData(2, 3, 0)]
    [InlineData(3, 0, 7)]
    [InlineData(3, 7, 0)]
    [InlineData(4, 0, 15)]
    [InlineData(4, 15, 0)]
    [InlineData(5, 0, 31)]
    [InlineData(5, 31, 0)]
    [InlineData(6, 0, 63)]
    [InlineData(6, 63, 0)]
    [InlineData(7, 0, 127)]
    [InlineData(7, 127, 0)]
    [InlineData(8, 0, 255)]
    [InlineData(8, 255, 0)]
    [InlineData(9, 0, 511)]
    [InlineData(9, 511, 0)]
    [InlineData(10, 0, 1023)]
    [InlineData(10, 1023, 0)]
    [InlineData(11, 0, 2047)]
    [InlineData(11, 2047, 0)]
    [InlineData(12, 0, 4095)]
    [InlineData(12, 4095, 0)]
    [InlineData(13, 0, 8191)]
    [InlineData(13, 8191, 0)]
    [InlineData(14, 0, 16383)]
    [InlineData(14, 16383, 0)]
    [InlineData(15, 0, 32767)]
    [InlineData(15, 32767, 0)]
    [InlineData(16, 0, 65535)]
    [InlineData(16, 65535, 0)]
    [InlineData(17, 0, 131071)]
    [InlineData(17, 131071, 0)]
    [InlineData(18, 0, 262143)]
    [InlineData(18, 262143, 0)]
    [InlineData(19, 0, 524287)]
    [InlineData(19, 524287, 0)]
    [InlineData(14, 10616, 5767)]
    [InlineData(16, 42522, 23013)]
    public void TryCreateTms_FlipsRowToXyz(int z, int tmsY, int expectedY)
    {
        Assert.True(TileCoord.TryCreateTms(z, 0, tmsY, out var tile, out var error), error);
        Assert.Equal(TileCoord.Create(z, 0, expectedY), tile);
        Assert.Equal(tmsY, tile.TmsY);
    }

    [Theory]
    [InlineData(0, 1, "y 1 is outside 0..0 at zoom 0")]
    [InlineData(3, 8, "y 8 is outside 0..7 at zoom 3")]
    [InlineData(3, -1, "y -1 is outside 0..7 at zoom 3")]
    [InlineData(25, 0, "zoom 25 is outside 0..24")]
    public void TryCreateTms_OutOfRange_NamesTheRowAsGiven(int z, int tmsY, string expected)
    {
        Assert.False(TileCoord.TryCreateTms(z, 0, tmsY, out _, out var error));
        Assert.Equal(expected, error);
    }
}
