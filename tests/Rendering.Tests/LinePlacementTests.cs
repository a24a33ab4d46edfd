using TileCluster.Rendering.Labels;
using Xunit;

namespace TileCluster.Rendering.Tests;

public sealed class LinePlacementTests
{
    [Fact]
    public void Find_StraightLine_CentredAlongIt()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([0, 0, 200, 0], 60, 400, found);

        var position = Assert.Single(found);
        Assert.Equal((70, 60, false), (position.Start, position.Length, position.Reversed));
        Assert.Equal((100, 0), (position.X, position.Y));
    }

    [Fact]
    public void Find_RightToLeftLine_ReadsReversed()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([200, 100, 0, 0], 60, 400, found);

        Assert.True(Assert.Single(found).Reversed);
    }

    [Fact]
    public void Find_TooShort_NoPosition()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([0, 0, 50, 0], 60, 400, found);

        Assert.Empty(found);
    }

    [Fact]
    public void Find_SharpBendInMiddle_MovesToStraightStretch()
    {
        var found = new List<LinePosition>();

        // An L: 200 px east, then 200 px south; the corner cannot carry a 60 px label.
        LinePlacement.Find([0, 0, 200, 0, 200, 200], 60, 1000, found);

        var position = Assert.Single(found);
        Assert.True(position.Start + position.Length <= 200 || position.Start >= 200, $"placed across the corner at {position}");
    }

    [Fact]
    public void Find_GentleCurve_FollowsItAcrossItsBends()
    {
        // A quarter circle of radius 200 in 10 segments (9° per vertex): no straight stretch holds a
        // 120 px label, but the curve can carry it glyph by glyph.
        var points = new List<double>();
        for (int i = 0; i <= 10; i++)
        {
            double a = Math.PI / 2 * i / 10;
            points.Add(200 * Math.Sin(a));
            points.Add(200 - (200 * Math.Cos(a)));
        }

        var found = new List<LinePosition>();
        LinePlacement.Find([.. points], 120, 1000, found);

        var position = Assert.Single(found);
        Assert.Equal(120, position.Length);
        var (_, _, startAngle) = LinePlacement.PointAt([.. points], position.Start);
        var (_, _, endAngle) = LinePlacement.PointAt([.. points], position.Start + position.Length);
        Assert.True(endAngle - startAngle > 20 * Math.PI / 180, "the label should span several bends");
    }

    [Fact]
    public void Find_Hairpin_WindingTooMuch_NotPlacedAcrossIt()
    {
        // Four 20° turns 10 px apart wind 80° in 40 px, more than a label may follow.
        var points = new List<double> { -100, 0, 0, 0 };
        double x = 0, y = 0, angle = 0;
        for (int i = 0; i < 4; i++)
        {
            angle += 20 * Math.PI / 180;
            x += 10 * Math.Cos(angle);
            y += 10 * Math.Sin(angle);
            points.Add(x);
            points.Add(y);
        }

        var found = new List<LinePosition>();
        LinePlacement.Find([.. points], 130, 1000, found);

        Assert.Empty(found);
    }

    [Fact]
    public void Find_LongLine_RepeatsBySpacing()
    {
        var found = new List<LinePosition>();

        LinePlacement.Find([0, 0, 1000, 0], 60, 250, found);

        Assert.Equal(4, found.Count);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(50, 50, 0, 0)]
    [InlineData(150, 100, 50, Math.PI / 2)]
    [InlineData(-10, -10, 0, 0)]
    [InlineData(210, 100, 110, Math.PI / 2)]
    public void PointAt_Distance_InterpolatesAndExtendsTheEnds(double distance, double x, double y, double angle)
    {
        var point = LinePlacement.PointAt([0, 0, 100, 0, 100, 0, 100, 100], distance);

        Assert.Equal(x, point.X, 6);
        Assert.Equal(y, point.Y, 6);
        Assert.Equal(angle, point.Angle, 6);
    }
}
