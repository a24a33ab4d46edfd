using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Grains.Tests.Configuration;

/// <summary>A url layer's template: what address a metatile's box turns into.</summary>
public sealed class LayerUrlTemplateTests
{
    [Theory]
    [InlineData(
        "http://wms/?BBOX=$xmin,$ymin,$xmax,$ymax&CRS=$srs&WIDTH=$width&HEIGHT=$height",
        "http://wms/?BBOX=1059490.8,5966731.25,1060102.296,5967342.746&CRS=EPSG:3857&WIDTH=2304&HEIGHT=2304")]
    [InlineData("http://wms/${zoom}/$width/${srs}x", "http://wms/14/2304/EPSG:3857x")]
    [InlineData("https://wms/static.png", "https://wms/static.png")]
    [InlineData("http://wms/?a=$xmax$ymax", "http://wms/?a=1060102.2965967342.746")]
    public void Format_SubstitutesEveryVariable(string template, string expected)
    {
        Assert.True(LayerUrlTemplate.TryParse(template, out var parsed, out string? error), error);

        Assert.Equal(expected, parsed.Format(1059490.8, 5966731.25, 1060102.296, 5967342.746, 2304, 2304, 14));
    }

    [Fact]
    public void Format_WorldEdgeAndTinyMetres_PlainDecimalsToFifteenDigitsNotExponents()
    {
        Assert.True(LayerUrlTemplate.TryParse("http://wms/?b=$xmin,$ymax", out var parsed, out _));

        Assert.Equal("http://wms/?b=-20037508.3427892,0.000000001", parsed.Format(-20037508.342789244, 0, 0, 1e-9, 1, 1, 0));
    }
}
