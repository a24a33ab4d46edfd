using TileCluster.Storage;

namespace TileCluster.Storage.Tests;

public sealed class DirtyRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    // TileCluster's own mark, with or without a planet timestamp.
    [InlineData("1999-12-31T23:00:00Z", null, true)]
    [InlineData("1999-12-31T23:00:00Z", "2026-01-01T00:00:00Z", true)]
    // render_expired --touch-from moves the mtime back 20 years (mod_tile 0.6.1); twice, 40.
    [InlineData("2006-11-21T08:00:00Z", null, true)]
    [InlineData("1986-11-21T08:00:00Z", null, true)]
    // Rendered recently: fresh.
    [InlineData("2026-11-21T08:00:00Z", null, false)]
    [InlineData("2020-01-01T00:00:00Z", null, false)]
    // With a planet timestamp, mod_tile's rule: older than the import is dirty.
    [InlineData("2026-11-20T08:00:00Z", "2026-11-21T00:00:00Z", true)]
    [InlineData("2026-11-21T08:00:00Z", "2026-11-21T00:00:00Z", false)]
    [InlineData("2026-11-21T00:00:00Z", "2026-11-21T00:00:00Z", false)]
    public void IsDirty_FollowsModTile(string mtime, string? planet, bool dirty) =>
        Assert.Equal(dirty, DirtyRule.IsDirty(DateTimeOffset.Parse(mtime, System.Globalization.CultureInfo.InvariantCulture), planet is null ? null : DateTimeOffset.Parse(planet, System.Globalization.CultureInfo.InvariantCulture), Now));
}
