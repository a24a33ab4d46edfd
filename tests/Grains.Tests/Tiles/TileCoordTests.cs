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
}
