using TileCluster.Rendering.Styles;
using Xunit;

namespace TileCluster.Rendering.Tests.Styles;

public sealed class ZoomValueTests
{
    private static readonly ZoomValue Stops = ZoomValue.FromStops([new ZoomStop(16, 6), new ZoomStop(12, 1), new ZoomStop(18, 10)]);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(12, 1)]
    [InlineData(13, 2.25)]
    [InlineData(14, 3.5)]
    [InlineData(16, 6)]
    [InlineData(17, 8)]
    [InlineData(18, 10)]
    [InlineData(24, 10)]
    public void At_Stops_InterpolatesLinearlyAndClamps(int zoom, double expected) =>
        Assert.Equal(expected, Stops.At(zoom), 9);

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void At_Constant_SameEverywhere(int zoom) =>
        Assert.Equal(2.5, ZoomValue.Constant(2.5).At(zoom));
}
