using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Rendering.Tests.Scheduling;

public sealed class RenderStatisticsTests
{
    [Fact]
    public void ByZoom_ReportsMeanTimeOfEachRenderPhase()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var statistics = new RenderStatistics(services.GetRequiredService<IMeterFactory>());

        statistics.RecordRender(14, TimeSpan.FromMilliseconds(100), Breakdown(query: 10, draw: 40, labels: 10, encode: 40));
        statistics.RecordRender(14, TimeSpan.FromMilliseconds(300), Breakdown(query: 30, draw: 120, labels: 30, encode: 120));
        statistics.RecordRender(16, TimeSpan.FromMilliseconds(50), Breakdown(query: 5, draw: 20, labels: 5, encode: 20));

        var z14 = Assert.Single(statistics.ByZoom(), z => z.Zoom == 14);
        Assert.Equal(2, z14.Count);
        Assert.Equal(200, z14.MeanMilliseconds, 6);
        Assert.Equal(300, z14.MaxMilliseconds, 6);
        Assert.Equal(20, z14.QueryMilliseconds, 6);
        Assert.Equal(80, z14.DrawMilliseconds, 6);
        Assert.Equal(20, z14.LabelsMilliseconds, 6);
        Assert.Equal(80, z14.EncodeMilliseconds, 6);
        var z16 = Assert.Single(statistics.ByZoom(), z => z.Zoom == 16);
        Assert.Equal(20, z16.EncodeMilliseconds, 6);
        Assert.Equal(3, statistics.Renders);
    }

    private static RenderBreakdown Breakdown(double query, double draw, double labels, double encode) => new(
        TimeSpan.FromMilliseconds(query), TimeSpan.FromMilliseconds(draw), TimeSpan.FromMilliseconds(labels), TimeSpan.FromMilliseconds(encode), 0);
}
