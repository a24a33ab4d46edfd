using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Imaging;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Tests.Styles;
using TileCluster.Rendering.Url;

namespace TileCluster.Rendering.Tests.Composite;

/// <summary>
/// Composite layers rendered against the test PostGIS with the shipped style: each composite tile is
/// compared, pixel by pixel, with the blend of its members' tiles rendered on their own.
/// </summary>
public sealed class CompositeRenderingTests : IDisposable
{
    private const string ConnectionVariable = "TILECLUSTER_TEST_CONNECTION";

    // Vaduz centre at z15: buildings, roads, labels and land in one metatile.
    private static readonly TileCoord Vaduz = TileCoord.Create(15, 17250, 11506);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tilecluster-composite-");
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(Connection());
    private readonly UpstreamClient _upstream = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _upstream.Dispose();
        _dataSource.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public void Render_StyleUnderRedAtHalfOpacity_IsThePerPixelAverage()
    {
        using var renderer = Renderer(new()
        {
            ["Layers:tinted:Provider:Stack:0:Layer"] = "osm",
            ["Layers:tinted:Provider:Stack:1:Color"] = "#ff0000",
            ["Layers:tinted:Provider:Stack:1:Opacity"] = "0.5",
        });

        var (style, composite) = RenderBoth(renderer, "osm", "tinted");

        AssertEveryPixel(style, composite, (s, c) => Near(c, new Rgba((byte)((s.R + 255 + 1) / 2), (byte)((s.G + 1) / 2), (byte)((s.B + 1) / 2))));
    }

    [Fact]
    public void Render_GreyMultipliedOverStyle_DarkensEveryChannelByHalf()
    {
        using var renderer = Renderer(new()
        {
            ["Layers:dark:Provider:Stack:0:Layer"] = "osm",
            ["Layers:dark:Provider:Stack:1:Color"] = "#808080",
            ["Layers:dark:Provider:Stack:1:BlendMode"] = "multiply",
        });

        var (style, composite) = RenderBoth(renderer, "osm", "dark");

        AssertEveryPixel(style, composite, (s, c) => Near(c, new Rgba((byte)(s.R * 128 / 255), (byte)(s.G * 128 / 255), (byte)(s.B * 128 / 255))));
    }

    [Fact]
    public void Render_ColourMaskedByBuildings_IsBlueOnBuildingsAndTheStyleElsewhere()
    {
        // A layer of black buildings on nothing: its alpha is the mask.
        File.WriteAllText(Path.Combine(_folder.FullName, "buildings.yaml"), """
            name: buildings
            background: "#00000000"
            layers:
              - name: buildings
                geometry: polygon
                table: planet_osm_polygon
                where: building IS NOT NULL AND building <> 'no'
                rules:
                  - fill: "#000000"
            """);
        using var renderer = Renderer(new()
        {
            ["Layers:bmask:Provider:Kind"] = "style",
            ["Layers:bmask:Provider:File"] = Path.Combine(_folder.FullName, "buildings.yaml"),
            ["Layers:bmask:Png:Palette256"] = "false",
            ["Layers:blue:Provider:Stack:0:Layer"] = "osm",
            ["Layers:blue:Provider:Stack:1:Color"] = "#0000ff",
            ["Layers:blue:Provider:Stack:1:Mask"] = "bmask",
        });

        var (style, composite) = RenderBoth(renderer, "osm", "blue");
        var mask = renderer.Render(MetatileKey.For("bmask", 1, Vaduz), Cancel);

        int blue = 0, plain = 0;
        for (int i = 0; i < 64; i++)
        {
            var m = PngImage.Decode(mask.Get(i / 8, i % 8));
            var s = PngImage.Decode(style.Get(i / 8, i % 8));
            var c = PngImage.Decode(composite.Get(i / 8, i % 8));
            for (int y = 0; y < 256; y += 3)
            {
                for (int x = 0; x < 256; x += 3)
                {
                    byte alpha = m.GetPixel(x, y).A;
                    if (alpha == 255)
                    {
                        Assert.True(Near(c.GetPixel(x, y), new Rgba(0, 0, 255)), $"tile {i} ({x}, {y}) under a building is {c.GetPixel(x, y)}");
                        blue++;
                    }
                    else if (alpha == 0)
                    {
                        Assert.True(Near(c.GetPixel(x, y), s.GetPixel(x, y)), $"tile {i} ({x}, {y}) off buildings is {c.GetPixel(x, y)}, the style's {s.GetPixel(x, y)}");
                        plain++;
                    }
                }
            }
        }

        Assert.True(blue > 1000, $"only {blue} sampled pixels under buildings");
        Assert.True(plain > 1000, $"only {plain} sampled pixels off buildings");
    }

    [Fact]
    public void Render_CompositeOfComposite_BlendsTheInnerOneLikeALayer()
    {
        using var renderer = Renderer(new()
        {
            ["Layers:tinted:Provider:Stack:0:Layer"] = "osm",
            ["Layers:tinted:Provider:Stack:1:Color"] = "#ff0000",
            ["Layers:tinted:Provider:Stack:1:Opacity"] = "0.5",
            ["Layers:outer:Provider:Stack:0:Color"] = "#ffffff",
            ["Layers:outer:Provider:Stack:1:Layer"] = "tinted",
            ["Layers:outer:Provider:Stack:1:BlendMode"] = "Difference",
        });

        var (inner, outer) = RenderBoth(renderer, "tinted", "outer");

        AssertEveryPixel(inner, outer, (s, c) => Near(c, new Rgba((byte)(255 - s.R), (byte)(255 - s.G), (byte)(255 - s.B))));
    }

    [Fact]
    public void BlendModes_EveryConfigurationName_IsASkiaBlendMode()
    {
        Assert.All(LayerStackMemberOptions.BlendModes, name => Assert.True(Enum.TryParse<SKBlendMode>(name, ignoreCase: true, out _), name));
        Assert.Equal(Enum.GetNames<SKBlendMode>().Order(), LayerStackMemberOptions.BlendModes.Order());
    }

    private static string Connection() => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{ConnectionVariable} is not set: point it at the osm2pgsql Liechtenstein database");

    private static bool Near(Rgba actual, Rgba expected) =>
        Math.Abs(actual.R - expected.R) <= 2 && Math.Abs(actual.G - expected.G) <= 2 && Math.Abs(actual.B - expected.B) <= 2;

    private static void AssertEveryPixel(Storage.RenderedMetatile style, Storage.RenderedMetatile composite, Func<Rgba, Rgba, bool> matches)
    {
        for (int i = 0; i < 64; i++)
        {
            var s = PngImage.Decode(style.Get(i / 8, i % 8));
            var c = PngImage.Decode(composite.Get(i / 8, i % 8));
            Assert.Equal(256, c.Width);
            for (int y = 0; y < 256; y++)
            {
                for (int x = 0; x < 256; x++)
                {
                    if (!matches(s.GetPixel(x, y), c.GetPixel(x, y)))
                    {
                        Assert.Fail($"tile {i} pixel ({x}, {y}): member {s.GetPixel(x, y)}, composite {c.GetPixel(x, y)}");
                    }
                }
            }
        }
    }

    private (Storage.RenderedMetatile Member, Storage.RenderedMetatile Composite) RenderBoth(LayerRenderer renderer, string member, string composite)
    {
        var memberTiles = renderer.Render(MetatileKey.For(member, 1, Vaduz), Cancel);
        var compositeTiles = renderer.Render(MetatileKey.For(composite, 1, Vaduz), Cancel);
        return (memberTiles, compositeTiles);
    }

    /// <summary>A layer renderer over the shipped osm style (24-bit PNG, so pixels are exact) and <paramref name="settings"/>; layers named there are composites unless a Kind is given.</summary>
    private LayerRenderer Renderer(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["BaseDirectory"] = StyleLoaderTests.RepoRoot(),
            ["Layers:osm:Provider:Kind"] = "style",
            ["Layers:osm:Provider:File"] = "styles/osm.yaml",
            ["Layers:osm:Png:Palette256"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
            string layer = key.Split(':')[1];
            all.TryAdd($"Layers:{layer}:Provider:Kind", "composite");
            all.TryAdd($"Layers:{layer}:Png:Palette256", "false");
        }

        var options = new ConfigurationBuilder().AddInMemoryCollection(all).Build().Get<LayersOptions>()!;
        var validation = new LayersOptionsValidator().Validate(null, options);
        Assert.False(validation.Failed, validation.FailureMessage);
        var catalog = new StyleCatalog(Options.Create(options));
        var raster = new MapRenderer(catalog.Styles, _dataSource, 128, null, catalog.BufferPxByLayer);
        return new LayerRenderer(raster, catalog, _dataSource, _upstream, 128, () => 1);
    }
}
