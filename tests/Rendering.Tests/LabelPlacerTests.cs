using TileCluster.Rendering.Labels;
using Xunit;

namespace TileCluster.Rendering.Tests;

public sealed class LabelPlacerTests
{
    private static LabelPlacer Placer()
    {
        var placer = new LabelPlacer();
        placer.Begin(new LabelBox(128, 128, 640, 640), padding: 0);
        return placer;
    }

    [Fact]
    public void TryPlacePoint_OverlappingCandidates_OnlyFirstPlaced()
    {
        var placer = Placer();

        Assert.True(placer.TryPlacePoint(300, 300, 80, 14));
        Assert.False(placer.TryPlacePoint(330, 305, 80, 14));
        Assert.True(placer.TryPlacePoint(300, 330, 80, 14));
    }

    [Theory]
    [InlineData(130, 300)]
    [InlineData(638, 300)]
    [InlineData(300, 133)]
    [InlineData(300, 636)]
    [InlineData(60, 60)]
    public void TryPlacePoint_CrossingMetatileEdge_NotPlaced(double x, double y) =>
        Assert.False(Placer().TryPlacePoint(x, y, 80, 14));

    [Fact]
    public void TryPlaceLine_SameTextWithinSpacing_NotPlacedTwice()
    {
        var placer = Placer();

        Assert.True(placer.TryPlaceLine("Landstrasse", new LinePosition(300, 300, 0), 80, 14, 200));
        Assert.False(placer.TryPlaceLine("Landstrasse", new LinePosition(300, 450, 0), 80, 14, 200));
        Assert.True(placer.TryPlaceLine("Feldstrasse", new LinePosition(300, 450, 0), 80, 14, 200));
    }

    [Fact]
    public void TryPlaceLine_DiagonalLabels_CrossingOnesCollide()
    {
        var placer = Placer();

        Assert.True(placer.TryPlaceLine("A", new LinePosition(400, 400, Math.PI / 4), 100, 12, 10));
        Assert.False(placer.TryPlaceLine("B", new LinePosition(400, 400, -Math.PI / 4), 100, 12, 10));

        // Parallel and clear of the first label's boxes: diagonal boxes hug the text, unlike one bounding box.
        Assert.True(placer.TryPlaceLine("C", new LinePosition(440, 360, Math.PI / 4), 100, 12, 10));
    }

    [Fact]
    public void Compare_OrdersByPriorityThenSortValueThenOsmId()
    {
        var style = new TileCluster.Rendering.TextStyle("Noto Sans", 12, false, false, default, default, 0);
        LabelCandidate Make(double priority, double sort, long id, int seq) =>
            new("x", style, TileCluster.Rendering.Styles.LabelPlacement.Point, 0, priority, sort, 0, id, seq, 0, 0, 0, 0);
        var list = new List<LabelCandidate> { Make(1, 0, 5, 0), Make(2, 10, 9, 1), Make(2, 50, 7, 2), Make(2, 50, 3, 3) };

        list.Sort(LabelCandidate.Compare);

        Assert.Equal([3L, 7L, 9L, 5L], list.ConvertAll(c => c.OsmId));
    }
}
