using System.Text;
using TileCluster.Gateway.Jobs;
using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Gateway.Tests.Jobs;

public sealed class JobSpecParserTests
{
    private const string Good = """{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"12-17","kind":"export","outputs":["tms","mbtiles"],"name":"Vaduz"}""";

    [Fact]
    public void TryParse_ContractExample_AllFields()
    {
        Assert.True(JobSpecParser.TryParse(Encoding.UTF8.GetBytes(Good), out var spec, out string? error), error);

        Assert.Equal("osm", spec.Style);
        Assert.Equal((9.47, 47.04, 9.64, 47.28), (spec.West, spec.South, spec.East, spec.North));
        Assert.Equal((12, 17), (spec.MinZoom, spec.MaxZoom));
        Assert.Equal(JobKind.Export, spec.Kind);
        Assert.Equal([JobOutputKind.Tms, JobOutputKind.MbTiles], spec.Outputs);
        Assert.Equal("Vaduz", spec.Name);
    }

    [Theory]
    [InlineData("""{"style":"osm","bbox":"9.5,47.12,9.54,47.16","zoom":"14","kind":"seed"}""", 14, 14, JobKind.Seed)]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":12,"kind":"seed","name":null}""", 12, 12, JobKind.Seed)]
    [InlineData("""{ "kind" : "export", "outputs" : ["png","pdf","geotiff","jpeg","zip","xyz"], "zoom" : "0-24", "bbox" : [-180,-85,180,85], "style" : "a_b-1" }""", 0, 24, JobKind.Export)]
    public void TryParse_GoodSpecs_Accepted(string json, int minZoom, int maxZoom, JobKind kind)
    {
        Assert.True(JobSpecParser.TryParse(Encoding.UTF8.GetBytes(json), out var spec, out string? error), error);

        Assert.Equal((minZoom, maxZoom, kind), (spec.MinZoom, spec.MaxZoom, spec.Kind));
    }

    [Theory]
    // Not JSON, or not one object.
    [InlineData("", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"style":"osm",}""", "not valid JSON")]
    [InlineData("""{"style":"osm"} {}""", "not valid JSON")]
    [InlineData("/* c */ {}", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("null", "JSON object")]
    [InlineData("\"osm\"", "JSON object")]
    // Unknown and repeated fields.
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed","priority":1}""", "unknown field 'priority'")]
    [InlineData("""{"Style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "unknown field 'Style'")]
    [InlineData("""{"style":"osm","style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "'style' is given twice")]
    // style
    [InlineData("""{"bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "style is required")]
    [InlineData("""{"style":"../etc","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "style must be a style name")]
    [InlineData("""{"style":1,"bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "style must be a style name")]
    [InlineData("""{"style":"OSM","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "style must be a style name")]
    // bbox
    [InlineData("""{"style":"osm","zoom":"14","kind":"seed"}""", "bbox is required")]
    [InlineData("""{"style":"osm","bbox":[9.54,47.12,9.5,47.16],"zoom":"14","kind":"seed"}""", "bbox is empty or inverted")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.16,9.54,47.12],"zoom":"14","kind":"seed"}""", "bbox is empty or inverted")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.5,47.16],"zoom":"14","kind":"seed"}""", "bbox is empty or inverted")]
    [InlineData("""{"style":"osm","bbox":[-181,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "bbox longitudes")]
    [InlineData("""{"style":"osm","bbox":[9.5,-89,9.54,47.16],"zoom":"14","kind":"seed"}""", "bbox latitudes")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54],"zoom":"14","kind":"seed"}""", "bbox must be an array of four numbers")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16,1],"zoom":"14","kind":"seed"}""", "bbox must be an array of four numbers")]
    [InlineData("""{"style":"osm","bbox":["9.5",47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "bbox must be an array of four numbers")]
    [InlineData("""{"style":"osm","bbox":[1e400,47.12,9.54,47.16],"zoom":"14","kind":"seed"}""", "finite")]
    [InlineData("""{"style":"osm","bbox":"NaN,47.12,9.54,47.16","zoom":"14","kind":"seed"}""", "bbox must be four numbers")]
    [InlineData("""{"style":"osm","bbox":"9.5,47.12,x,47.16","zoom":"14","kind":"seed"}""", "bbox must be four numbers")]
    [InlineData("""{"style":"osm","bbox":{"w":1},"zoom":"14","kind":"seed"}""", "bbox must be an array of four numbers")]
    // zoom
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"kind":"seed"}""", "zoom is required")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"17-12","kind":"seed"}""", "zoom range 17-12 is inverted")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"25","kind":"seed"}""", "zoom must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"-1","kind":"seed"}""", "zoom must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"12-","kind":"seed"}""", "zoom must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"1-2-3","kind":"seed"}""", "zoom must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":12.5,"kind":"seed"}""", "zoom must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":" 12","kind":"seed"}""", "zoom must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":["12"],"kind":"seed"}""", "zoom must be a string")]
    // kind and outputs
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14"}""", "kind is required")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"render"}""", "kind must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"Seed"}""", "kind must be")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed","outputs":["tms"]}""", "outputs are for export jobs")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"export"}""", "outputs is required")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"export","outputs":[]}""", "outputs is required")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"export","outputs":"tms"}""", "outputs is required")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"export","outputs":["svg"]}""", "unknown output 'svg'")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"export","outputs":["TMS"]}""", "unknown output 'TMS'")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"export","outputs":[1]}""", "unknown output '1'")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"export","outputs":["tms","tms"]}""", "'tms' is listed twice")]
    // name
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed","name":5}""", "name must be a string")]
    [InlineData("""{"style":"osm","bbox":[9.5,47.12,9.54,47.16],"zoom":"14","kind":"seed","name":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""", "at most 100 characters")]
    // Nesting beyond any field's need.
    [InlineData("""{"style":"osm","bbox":[[[[[1]]]]],"zoom":"14","kind":"seed"}""", "not valid JSON")]
    public void TryParse_BadSpec_RefusedNamingTheProblem(string json, string expected)
    {
        Assert.False(JobSpecParser.TryParse(Encoding.UTF8.GetBytes(json), out var spec, out string? error));

        Assert.Null(spec);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Oversized_Refused()
    {
        string json = Good.Replace("\"Vaduz\"", $"\"Vaduz\",\"x\":\"{new string('x', JobSpecParser.MaxBodyBytes)}\"", StringComparison.Ordinal);

        Assert.False(JobSpecParser.TryParse(Encoding.UTF8.GetBytes(json), out _, out string? error));

        Assert.Contains("larger than 65536 bytes", error, StringComparison.Ordinal);
    }
}
