using TileCluster.Rendering;

namespace TileCluster.Rendering.Tests;

public sealed class RgbaTests
{
    [Theory]
    [InlineData("#f2efe9", 242, 239, 233, 255)]
    [InlineData("#AAD3DF", 170, 211, 223, 255)]
    [InlineData("#fff", 255, 255, 255, 255)]
    [InlineData("#000", 0, 0, 0, 255)]
    [InlineData("#8d618b80", 141, 97, 139, 128)]
    public void TryParse_Valid_Parses(string text, int r, int g, int b, int a)
    {
        Assert.True(Rgba.TryParse(text, out var color, out var error), error);
        Assert.Equal(new Rgba((byte)r, (byte)g, (byte)b, (byte)a), color);
    }

    [Theory]
    [InlineData(null, "must start with '#'")]
    [InlineData("", "must start with '#'")]
    [InlineData("f2efe9", "must start with '#'")]
    [InlineData("#ggg", "is not #rgb")]
    [InlineData("#12345", "is not #rgb")]
    [InlineData("#1234567", "is not #rgb")]
    [InlineData("#12 456", "is not #rgb")]
    [InlineData("# 12345", "is not #rgb")]
    [InlineData("#12345 ", "is not #rgb")]
    public void TryParse_Invalid_NamesTheProblem(string? text, string expected)
    {
        Assert.False(Rgba.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData(1.0, 255)]
    [InlineData(0.5, 128)]
    [InlineData(0.0, 0)]
    [InlineData(2.0, 255)]
    public void WithOpacity_ScalesAlpha(double opacity, int alpha) =>
        Assert.Equal(alpha, new Rgba(1, 2, 3).WithOpacity(opacity).A);
}
