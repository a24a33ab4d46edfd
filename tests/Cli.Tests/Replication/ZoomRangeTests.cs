using TileCluster.Cli.Replication;

namespace TileCluster.Cli.Tests.Replication;

public sealed class ZoomRangeTests
{
    [Theory]
    [InlineData("10-18", 10, 18, "10-18")]
    [InlineData("0-24", 0, 24, "0-24")]
    [InlineData("15", 15, 15, "15")]
    [InlineData(" 12-12 ", 12, 12, "12")]
    public void Parses_osm2pgsql_zoom_ranges(string text, int min, int max, string osm2pgsql)
    {
        Assert.True(ZoomRange.TryParse(text, out var range, out string? error), error);
        Assert.Equal(new ZoomRange(min, max), range);
        Assert.Equal(osm2pgsql, range.ToString());
    }

    [Theory]
    [InlineData("18-10", "18 is above 10")]
    [InlineData("10-25", "each a whole number 0..24")]
    [InlineData("-5", "use MIN-MAX")]
    [InlineData("10-", "use MIN-MAX")]
    [InlineData("ten", "use MIN-MAX")]
    [InlineData("10-18-20", "use MIN-MAX")]
    [InlineData("", "use MIN-MAX")]
    public void Rejects_bad_ranges_with_the_reason(string text, string reason)
    {
        Assert.False(ZoomRange.TryParse(text, out _, out string? error));
        Assert.Contains($"'{text}' is not a zoom range", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
