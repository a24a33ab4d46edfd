using TileCluster.Rendering.Export;
using Xunit;

namespace TileCluster.Rendering.Tests.Export;

public sealed class PngRowFilterTests
{
    // p = left + up - upLeft; the nearest of left, up, upLeft to p wins, ties in that order.
    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(10, 20, 10, 20)]     // p = 20: up is exact
    [InlineData(20, 10, 10, 20)]     // p = 20: left is exact
    [InlineData(10, 10, 20, 10)]     // p = 0: left and up both 10 away; left wins the tie
    [InlineData(100, 50, 80, 80)]    // p = 70: left 30, up 20, upLeft 10 away
    [InlineData(255, 255, 0, 255)]   // p = 510: left and up 255 away; left wins
    [InlineData(3, 200, 100, 100)]   // p = 103: upLeft 3 away
    [InlineData(50, 60, 55, 55)]     // p = 55: left 5, up 5, upLeft 0 away
    public void Predict_Table_FollowsThePngSpec(int left, int up, int upLeft, int expected) =>
        Assert.Equal(expected, PngRowFilter.Predict(left, up, upLeft));
}
