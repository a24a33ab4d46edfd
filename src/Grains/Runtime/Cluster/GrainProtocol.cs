using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>
/// The wire protocol between gateways and silos: small HTTP/2 requests, tile bytes streamed back
/// in the body, outcome in the status code and a few headers.
/// </summary>
internal static class GrainProtocol
{
    /// <summary>Route template of a tile call on a silo (z/x/y are the tile, not the metatile).</summary>
    public const string TileRoute = "/internal/grains/metatile/{style}/{scale:int}/{z:int}/{x:int}/{y:int}";

    /// <summary>Route template of a bulk render call on a silo.</summary>
    public const string RenderRoute = "/internal/grains/metatile/{style}/{scale:int}/{z:int}/{x:int}/{y:int}/render";

    /// <summary>Route of a silo's own status.</summary>
    public const string StatusRoute = "/internal/status";

    /// <summary>On 200: the tile was served stale.</summary>
    public const string DirtyHeader = "X-TileCluster-Dirty";

    /// <summary>On 503: "overloaded" or "unavailable".</summary>
    public const string OutcomeHeader = "X-TileCluster-Outcome";

    /// <summary>On 421: the silo that this silo believes owns the key.</summary>
    public const string OwnerHeader = "X-TileCluster-Owner";

    /// <summary>On a request: serve even if not the owner (after one redirect, views disagree; the render lock keeps it safe).</summary>
    public const string ForceHeader = "X-TileCluster-Force";

    public static string TilePath(MetatileKey key, TileCoord tile) =>
        string.Create(CultureInfo.InvariantCulture, $"/internal/grains/metatile/{key.Style}/{key.Scale}/{tile.Z}/{tile.X}/{tile.Y}");

    public static string RenderPath(MetatileKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"/internal/grains/metatile/{key.Style}/{key.Scale}/{key.Metatile.Z}/{key.Metatile.X}/{key.Metatile.Y}/render");
}
