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
        double[] line = [200, 300, 500, 300];
        double[] below = [200, 450, 500, 450];

        Assert.True(placer.TryPlaceLine("Landstrasse", line, At(line, 80), 80, 14, 200));
        Assert.False(placer.TryPlaceLine("Landstrasse", below, At(below, 80), 80, 14, 200));
        Assert.True(placer.TryPlaceLine("Feldstrasse", below, At(below, 80), 80, 14, 200));
    }

    [Fact]
    public void TryPlaceLine_DiagonalLabels_CrossingOnesCollide()
    {
        var placer = Placer();
        double[] down = [300, 300, 500, 500];
        double[] up = [300, 500, 500, 300];
        double[] parallel = [340, 260, 540, 460];

        Assert.True(placer.TryPlaceLine("A", down, At(down, 100), 100, 12, 10));
        Assert.False(placer.TryPlaceLine("B", up, At(up, 100), 100, 12, 10));

        // Parallel and clear of the first label's boxes: boxes along the line hug the text, unlike one bounding box.
        Assert.True(placer.TryPlaceLine("C", parallel, At(parallel, 100), 100, 12, 10));
    }

    [Fact]
    public void TryPlaceLine_BendingOutOfTheMetatile_NotPlaced()
    {
        var placer = Placer();

        // The stretch's middle is inside, but the line bends out over the top edge (y 128).
        double[] line = [300, 200, 360, 160, 420, 100];

        Assert.False(placer.TryPlaceLine("Edge", line, At(line, 150), 150, 12, 10));
    }

    // The stretch of a label as long as the line's middle 'length' pixels.
    private static LinePosition At(double[] line, double length)
    {
        double total = LinePlacement.Length(line);
        var (x, y, _) = LinePlacement.PointAt(line, total / 2);
        return new LinePosition((total - length) / 2, length, false, x, y);
    }

    [Fact]
    public void Compare_OrdersByPriorityThenSortValueThenOsmId()
    {
        var style = new TextStyle(TestFonts.Regular, 12, default, default, 0);
        LabelCandidate Make(double priority, double sort, long id, int seq) =>
            new("x", style, TileCluster.Rendering.Styles.LabelPlacement.Point, 0, priority, sort, 0, 0, id, seq, 0, 0, 0, 0);
        var list = new List<LabelCandidate> { Make(1, 0, 5, 0), Make(2, 10, 9, 1), Make(2, 50, 7, 2), Make(2, 50, 3, 3) };

        list.Sort(LabelCandidate.Compare);

        Assert.Equal([3L, 7L, 9L, 5L], list.ConvertAll(c => c.OsmId));
    }
}
