using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Tests.Jobs;

public sealed class JobSpecTests
{
    private const string Liechtenstein = "9.47,47.04,9.64,47.28";

    [Theory]
    [InlineData("seed", "12-17", new string[0], null, """{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"12-17","kind":"seed"}""")]
    [InlineData("seed", "14", new string[0], "Vaduz", """{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"14","kind":"seed","name":"Vaduz"}""")]
    [InlineData("seed", "13-13", new string[0], null, """{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"13","kind":"seed"}""")]
    [InlineData("export", "12-17", new[] { "tms", "mbtiles", "tms" }, null, """{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"12-17","kind":"export","outputs":["tms","mbtiles"]}""")]
    [InlineData("export", "0-24", new[] { "xyz", "zip", "png", "jpeg", "geotiff", "pdf" }, "all \"of\" them", """{"style":"osm","bbox":[9.47,47.04,9.64,47.28],"zoom":"0-24","kind":"export","outputs":["xyz","zip","png","jpeg","geotiff","pdf"],"name":"all \u0022of\u0022 them"}""")]
    public void Create_Valid_IsTheContractsBody(string kind, string zoom, string[] outputs, string? name, string json) =>
        Assert.Equal(json, JobSpec.Create("osm", Liechtenstein, zoom, kind, outputs, name).ToJson());

    [Theory]
    [InlineData("Big Map", Liechtenstein, "12-17", "seed", "", null, "--style 'Big Map' is not a layer name")]
    [InlineData("osm", null, "12-17", "seed", "", null, "--bbox W,S,E,N is required")]
    [InlineData("osm", "9.64,47.04,9.47,47.28", "12-17", "seed", "", null, "--bbox '9.64,47.04,9.47,47.28' is empty or inverted")]
    [InlineData("osm", "9.47,47.04,9.64,NaN", "12-17", "seed", "", null, "--bbox '9.47,47.04,9.64,NaN' is not four numbers")]
    [InlineData("osm", Liechtenstein, null, "seed", "", null, "--zoom is required")]
    [InlineData("osm", Liechtenstein, "17-12", "seed", "", null, "--zoom '17-12' is not a zoom range: 17 is above 12")]
    [InlineData("osm", Liechtenstein, "12-25", "seed", "", null, "--zoom '12-25' is not a zoom range")]
    [InlineData("osm", Liechtenstein, "twelve", "seed", "", null, "--zoom 'twelve' is not a zoom range")]
    [InlineData("osm", Liechtenstein, "12-17", null, "", null, "--kind is required")]
    [InlineData("osm", Liechtenstein, "12-17", "render", "", null, "--kind 'render' is not seed or export")]
    [InlineData("osm", Liechtenstein, "12-17", "seed", "mbtiles", null, "--output is for --kind export")]
    [InlineData("osm", Liechtenstein, "12-17", "export", "", null, "--kind export needs at least one --output")]
    [InlineData("osm", Liechtenstein, "12-17", "export", "tms,webp", null, "--output 'webp' is not one of tms, xyz, mbtiles, zip, png, jpeg, geotiff, pdf")]
    [InlineData("osm", Liechtenstein, "12-17", "seed", "", " ", "--name must be 1-100 characters")]
    public void Create_Invalid_NamesTheOption(string style, string? bbox, string? zoom, string? kind, string outputs, string? name, string message)
    {
        var e = Assert.Throws<UsageException>(() => JobSpec.Create(style, bbox, zoom, kind, outputs.Split(',', StringSplitOptions.RemoveEmptyEntries), name));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NameOver100Characters_IsRefused()
    {
        Assert.Equal(new string('x', 100), JobSpec.Create("osm", Liechtenstein, "12", "seed", [], new string('x', 100)).Name);
        Assert.Throws<UsageException>(() => JobSpec.Create("osm", Liechtenstein, "12", "seed", [], new string('x', 101)));
    }

    [Theory]
    [InlineData("20261130-064512-3f9a1c", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("20261130-064512-3F9A1C", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("%2e%2e", false)]
    [InlineData("a b", false)]
    public void JobId_IsValid_AcceptsOnlyTheContractsIds(string id, bool valid)
    {
        Assert.Equal(valid, JobId.IsValid(id));
        Assert.False(JobId.IsValid(new string('a', 65)));
        Assert.True(JobId.IsValid(new string('a', 64)));
    }
}
