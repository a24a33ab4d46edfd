using TileCluster.Rendering;
using Xunit;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.Tests.Styles;

public sealed class StyleLoaderTests
{
    private const string Valid = """
        name: test
        background: "#f2efe9"
        fonts:
          sans: [/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf, /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
        layers:
          - name: roads
            geometry: line
            table: planet_osm_line
            columns: [z_order]
            where: highway IS NOT NULL
            order: z_order
            minzoom: 10
            rules:
              - when: { highway: [primary, secondary], tunnel: ~ }
                minzoom: 12
                stroke: "#fcd6a4"
                width: { 12: 2, 16: 10 }
                casing: "#a06b00"
                dash: [4, 2]
                cap: round
                text: name
                placement: line
                priority: 5
        """;

    [Fact]
    public void Parse_ValidStyle_BuildsModel()
    {
        var style = StyleLoader.Parse(Valid, "test.yaml");

        Assert.Equal("test", style.Name);
        Assert.Equal(TileImageFormat.Png256, style.Format);
        var layer = Assert.Single(style.Layers);
        Assert.Equal(GeometryKind.Line, layer.Kind);
        Assert.Equal(["z_order", "highway", "tunnel", "name"], layer.Columns);
        var rule = Assert.Single(layer.Rules);
        Assert.Equal(["primary", "secondary"], rule.Conditions[0].Values);
        Assert.Equal([null], rule.Conditions[1].Values);
        Assert.Equal(6, rule.Line!.Width.At(14), 6);
        Assert.Equal(LineCap.Round, rule.Line.Cap);
        Assert.Equal(LabelPlacement.Line, rule.Text!.Placement);
        Assert.Same(style.FontSets["sans"], rule.Text.Font);
        Assert.Equal(2, rule.Text.Font.Typefaces.Length);
    }

    // The default set (an export's attribution, a text rule without 'font') is the first declared, not
    // whichever the dictionary of sets happens to enumerate first (string hashes differ per process).
    [Theory]
    [InlineData("regular", "italic")]
    [InlineData("italic", "regular")]
    [InlineData("zeta", "alpha", "mid")]
    [InlineData("b", "a", "c", "d")]
    public void Parse_SeveralFontSets_DefaultIsTheFirstDeclared(params string[] names)
    {
        string yaml = "name: x\nfonts:\n" + string.Concat(names.Select(n => $"  {n}: [{TestFonts.NotoSans}]\n")) + "layers: []\n";

        var style = StyleLoader.Parse(yaml, "fonts.yaml");

        Assert.Same(style.FontSets[names[0]], style.DefaultFontSet);
    }

    [Fact]
    public void Parse_MissingFontFile_ThrowsNamingTheFile()
    {
        const string yaml = "name: x\nfonts:\n  sans:\n    - /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf\n    - /nonexistent/fonts/NoSuchFont-Regular.ttf\nlayers: []\n";

        var ex = Assert.Throws<StyleException>(() => StyleLoader.Parse(yaml, "fonts.yaml"));

        Assert.StartsWith("fonts.yaml:5:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'/nonexistent/fonts/NoSuchFont-Regular.ttf' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RelativeFontFile_ResolvedAgainstTheStyleDirectory()
    {
        const string yaml = "name: x\nfonts:\n  sans: [NotoSans-Regular.ttf]\nlayers: []\n";

        var style = StyleLoader.Parse(yaml, "/usr/share/fonts/truetype/noto/style.yaml");

        Assert.Equal([TestFonts.NotoSans], style.FontSets["sans"].Files);
    }

    [Fact]
    public void Load_DefaultStyle_EveryLabelHasAFontSetCoveringArabicHebrewAndChinese()
    {
        var style = StyleLoader.Load(Path.Combine(RepoRoot(), "styles", "osm.yaml"));

        var texts = style.Layers.SelectMany(l => l.Rules).Select(r => r.Text).OfType<TextSymbolizer>().ToList();
        Assert.NotEmpty(texts);
        foreach (var set in texts.Select(t => t.Font).Distinct())
        {
            foreach (int codepoint in new[] { 'a', 'Ж', 'Ω', 'س', 'ש', '京' })
            {
                Assert.Contains(set.Typefaces, t => { using var font = new SkiaSharp.SKFont(t); return font.ContainsGlyph(codepoint); });
            }
        }
    }

    [Fact]
    public void Load_DefaultStyle_Parses()
    {
        string path = Path.Combine(RepoRoot(), "styles", "osm.yaml");

        var style = StyleLoader.Load(path);

        Assert.Equal("osm", style.Name);
        Assert.Equal(new Rgba(0xf2, 0xef, 0xe9), style.Background);
        Assert.Contains(style.Layers, l => l.Name == "roads");
    }

    [Theory]
    [InlineData("name: x\nlayers: [\n", 3, "YAML syntax error")]
    [InlineData("name: x\ncolour: \"#fff\"\nlayers: []\n", 2, "unknown key 'colour'")]
    [InlineData("name: x\nbackground: \"#ggg\"\nlayers: []\n", 2, "'background'")]
    [InlineData("name: x\nbackground: #fff\nlayers: []\n", 2, "quote it")]
    [InlineData("name: x\nformat: jpeg\nlayers: []\n", 2, "'format'")]
    [InlineData("layers: []\n", 1, "missing required key 'name'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    table: planet_osm_nodes\n    rules: []\n", 5, "unknown 'table'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    rules: []\n", 3, "missing required key 'table'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    table: planet_osm_line\n    minzoom: 30\n    rules: []\n", 6, "'minzoom'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    table: planet_osm_line\n    minzoom: 12\n    maxzoom: 10\n    rules: []\n", 6, "'minzoom' 12 is greater")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    table: planet_osm_line\n    rules:\n      - stroke: \"#fff\"\n        widht: 2\n", 8, "unknown key 'widht'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    table: planet_osm_line\n    rules:\n      - stroke: \"#fff\"\n        width: { 12: 1, abc: 2 }\n", 8, "'width' must be a zoom")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    table: planet_osm_line\n    rules:\n      - when: { \"high way\": x }\n        stroke: \"#fff\"\n", 7, "'when'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: point\n    table: planet_osm_point\n    rules:\n      - text-size: 12\n", 7, "missing required key 'text'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: line\n    table: planet_osm_line\n    rules:\n      - stroke: \"#fff\"\n        dash: [1, 2, 3]\n", 8, "'dash'")]
    [InlineData("name: x\nlayers:\n  - name: a\n    geometry: point\n    table: planet_osm_point\n    rules:\n      - text: name\n", 7, "declares no 'fonts'")]
    [InlineData("name: x\nfonts:\n  sans: [/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf]\nlayers:\n  - name: a\n    geometry: point\n    table: planet_osm_point\n    rules:\n      - text: name\n        font: serif\n", 10, "unknown font set 'serif'")]
    [InlineData("name: x\nfonts:\n  sans: []\nlayers: []\n", 3, "lists no font files")]
    [InlineData("name: x\nfonts:\n  sans: [/etc/hostname]\nlayers: []\n", 3, "not a font file")]
    public void Parse_BrokenStyle_ThrowsWithFileLineAndKey(string yaml, int line, string expected)
    {
        var ex = Assert.Throws<StyleException>(() => StyleLoader.Parse(yaml, "broken.yaml"));

        Assert.StartsWith($"broken.yaml:{line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsStyleException()
    {
        var ex = Assert.Throws<StyleException>(() => StyleLoader.Load("/nonexistent/style.yaml"));

        Assert.StartsWith("/nonexistent/style.yaml:1:1:", ex.Message, StringComparison.Ordinal);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "cluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
