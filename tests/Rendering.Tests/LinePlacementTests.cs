using TileCluster.Rendering.Labels;
using Xunit;

namespace TileCluster.Rendering.Tests;

public sealed class LinePlacementTests
{
    [Fact]
    public void Find_StraightLine_CentredAlongIt()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([0, 0, 200, 0], 60, 12, 400, found);

        var position = Assert.Single(found);
        Assert.Equal(100, position.X, 6);
        Assert.Equal(0, position.Y, 6);
        Assert.Equal(0, position.Angle, 6);
    }

    [Fact]
    public void Find_RightToLeftLine_KeptUpright()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([200, 100, 0, 0], 60, 12, 400, found);

        var position = Assert.Single(found);
        Assert.InRange(position.Angle, -Math.PI / 2, Math.PI / 2);
        Assert.Equal(Math.Atan2(100, 200), position.Angle, 6);
    }

    [Fact]
    public void Find_TooShort_NoPosition()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([0, 0, 50, 0], 60, 12, 400, found);

        Assert.Empty(found);
    }

    [Fact]
    public void Find_SharpBendInMiddle_MovesToStraightStretch()
    {
        var found = new List<LinePosition>();

        // An L: 200 px east, then 200 px south; the corner cannot carry a 60 px label.
        LinePlacement.Find([0, 0, 200, 0, 200, 200], 60, 12, 1000, found);

        var position = Assert.Single(found);
        bool onFirstLeg = Math.Abs(position.Y) < 1e-6 && position.X <= 170;
        bool onSecondLeg = Math.Abs(position.X - 200) < 1e-6 && position.Y >= 30;
        Assert.True(onFirstLeg || onSecondLeg, $"placed at {position}");
    }

    [Fact]
    public void Find_LongLine_RepeatsBySpacing()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([0, 0, 1000, 0], 60, 12, 250, found);

        Assert.Equal(4, found.Count);
    }
}
