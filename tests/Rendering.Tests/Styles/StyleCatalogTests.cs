using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.Tests.Styles;

public sealed class StyleCatalogTests
{
    [Fact]
    public void Create_StyleNamingAMissingFontFile_FailsNamingStyleLineAndFontFile()
    {
        var directory = Directory.CreateTempSubdirectory("tilecluster-fonts-");
        try
        {
            File.WriteAllText(
                Path.Combine(directory.FullName, "map.yaml"),
                "name: map\nfonts:\n  regular:\n    - fonts/NotoSans-Missing.ttf\nlayers: []\n");
            var options = new LayersOptions { BaseDirectory = directory.FullName };
            options.Layers.Add("osm", new LayerOptions { Provider = new() { Kind = "style", File = "map.yaml" } });

            var ex = Assert.Throws<ConfigurationException>(() => new StyleCatalog(Options.Create(options)));

            string font = Path.Combine(directory.FullName, "fonts", "NotoSans-Missing.ttf");
            Assert.StartsWith($"Layers:osm:Provider:File: {Path.Combine(directory.FullName, "map.yaml")}:4:", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"'{font}' does not exist", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
