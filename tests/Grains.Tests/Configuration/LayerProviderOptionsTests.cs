using Microsoft.Extensions.Configuration;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Grains.Tests.Configuration;

/// <summary>A provider's <c>Format</c> as an operator may write it, and the one format the layer then has.</summary>
public sealed class LayerProviderOptionsTests
{
    [Theory]
    [InlineData("jpeg", "jpeg")]
    [InlineData("jpg", "jpeg")]
    [InlineData("JPG", "jpeg")]
    [InlineData("Jpeg", "jpeg")]
    [InlineData(" jpg ", "jpeg")]
    [InlineData("png", "png")]
    [InlineData("PNG", "png")]
    [InlineData("webp", "webp")]
    [InlineData("mvt", "mvt")]
    [InlineData("GeoJSON", "geojson")]
    [InlineData("gif", "gif")]
    [InlineData("jpgx", "jpgx")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void NormalizeFormat_ConfiguredName_IsTheNameProvidersCompare(string? configured, string? expected)
    {
        Assert.Equal(expected, LayerProviderOptions.NormalizeFormat(configured));
    }

    [Theory]
    [InlineData("style", "jpeg")]
    [InlineData("style", "jpg")]
    [InlineData("style", "JPG")]
    [InlineData("proxy", "jpeg")]
    [InlineData("proxy", "jpg")]
    public void Format_JpegByEitherName_IsOneJpegFormat_ServedAtJpgAndJpeg(string kind, string configured)
    {
        var provider = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kind"] = kind, ["Format"] = configured })
            .Build()
            .Get<LayerProviderOptions>()!;

        Assert.Equal(LayerProviderOptions.JpegFormat, provider.Format);
        Assert.Equal("jpg,jpeg", string.Join(',', provider.TileExtensions));
    }
}
