using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Tests.Infrastructure;

public sealed class BoundingBoxTests
{
    [Theory]
    [InlineData("9.47,47.04,9.64,47.28", 9.47, 47.04, 9.64, 47.28, "9.47,47.04,9.64,47.28")]
    [InlineData("-180,-85.0511,180,85.0511", -180, -85.0511, 180, 85.0511, "-180,-85.0511,180,85.0511")]
    [InlineData(" 9.5 , 47.1,9.6,47.2", 9.5, 47.1, 9.6, 47.2, "9.5,47.1,9.6,47.2")]
    [InlineData("9.515,47.135,9.530,47.145", 9.515, 47.135, 9.53, 47.145, "9.515,47.135,9.53,47.145")]
    [InlineData("1e-3,0,2e-3,1E-3", 0.001, 0, 0.002, 0.001, "0.001,0,0.002,0.001")]
    public void TryParse_Valid_GivesTheNumbersAndTheQueryText(string text, double west, double south, double east, double north, string query)
    {
        Assert.True(BoundingBox.TryParse(text, out var box, out string? error), error);
        Assert.Equal(new BoundingBox(west, south, east, north), box);
        Assert.Equal(query, box.ToString());
        Assert.Equal([west, south, east, north], box.ToArray());
    }

    [Theory]
    [InlineData("9.47,47.04,9.64", "is not four numbers")]
    [InlineData("9.47,47.04,9.64,47.28,1", "is not four numbers")]
    [InlineData("9.47;47.04;9.64;47.28", "is not four numbers")]
    [InlineData("west,47.04,9.64,47.28", "is not four numbers")]
    [InlineData("NaN,47.04,9.64,47.28", "is not four numbers")]
    [InlineData("9.47,47.04,Infinity,47.28", "is not four numbers")]
    [InlineData("", "is not four numbers")]
    [InlineData("9,47,,48", "is not four numbers")]
    [InlineData("-181,47,9,48", "longitudes must be within -180..180")]
    [InlineData("9,47,180.5,48", "longitudes must be within -180..180")]
    [InlineData("9,-86,10,48", "latitudes must be within -85.0511..85.0511")]
    [InlineData("9,47,10,89", "latitudes must be within -85.0511..85.0511")]
    [InlineData("9.64,47.04,9.47,47.28", "is empty or inverted")]
    [InlineData("9.47,47.28,9.64,47.04", "is empty or inverted")]
    [InlineData("9.47,47.04,9.47,47.28", "is empty or inverted")]
    public void TryParse_Invalid_NamesTheOptionAndTheProblem(string text, string reason)
    {
        Assert.False(BoundingBox.TryParse(text, out _, out string? error));
        Assert.StartsWith($"--bbox '{text}'", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
