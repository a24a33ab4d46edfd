namespace TileCluster.Storage;

/// <summary>
/// When a stored metatile counts as dirty, after mod_tile: its mtime is older than the planet
/// import (the mtime of <c>planet-import-complete</c> in the tile directory). Without that file,
/// older than <see cref="FallbackAge"/>. <c>render_expired --touch-from</c> moves an mtime 20
/// years back and TileCluster moves it to <see cref="ExpiredMtime"/>; both count as dirty
/// under either rule.
/// </summary>
internal static class DirtyRule
{
    /// <summary>The mtime TileCluster writes to mark a metatile dirty: 1999-12-31T23:00:00Z.</summary>
    public static readonly DateTimeOffset ExpiredMtime = DateTimeOffset.FromUnixTimeSeconds(946681200);

    /// <summary>mod_tile's name for the file whose mtime says when the database was imported.</summary>
    public const string PlanetTimestampFile = "planet-import-complete";

    /// <summary>Without a planet timestamp, a metatile this old is dirty (render_expired moves mtimes back 20 years).</summary>
    public static readonly TimeSpan FallbackAge = TimeSpan.FromDays(3652);

    public static bool IsDirty(DateTimeOffset mtime, DateTimeOffset? planetImport, DateTimeOffset now) =>
        mtime <= ExpiredMtime || mtime < (planetImport ?? now - FallbackAge);
}
