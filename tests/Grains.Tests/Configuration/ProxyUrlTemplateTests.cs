using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Configuration;

/// <summary>A proxy layer's upstream URL template filled in for a tile.</summary>
public sealed class ProxyUrlTemplateTests
{
    [Theory]
    [InlineData("https://tile.example.org/{Z}/{X}/{Y}.png", 14, 8625, 5753, "https://tile.example.org/14/8625/5753.png")]
    [InlineData("https://tile.example.org/{z}/{x}/{y}.png", 14, 8625, 5753, "https://tile.example.org/14/8625/5753.png")]
    [InlineData("http://127.0.0.1:8080/osm/{Z}/{X}/{Y}.png?key=abc", 0, 0, 0, "http://127.0.0.1:8080/osm/0/0/0.png?key=abc")]
    [InlineData("https://wms.example.org/tiles?x={X}&y={Y}&z={Z}", 3, 4, 5, "https://wms.example.org/tiles?x=4&y=5&z=3")]
    [InlineData("https://tile.example.org/{Z}/{Y}/{X}.jpg", 2, 1, 3, "https://tile.example.org/2/3/1.jpg")]
    public void Expand_Template_FillsZoomColumnAndRow(string template, int z, int x, int y, string expected)
    {
        Assert.True(ProxyUrlTemplate.TryValidate(template, out string? error), error);
        Assert.Equal(new Uri(expected), ProxyUrlTemplate.Expand(template, TileCoord.Create(z, x, y)));
    }
}
