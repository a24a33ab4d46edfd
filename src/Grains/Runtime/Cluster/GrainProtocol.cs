using System.Buffers.Binary;
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

    /// <summary>Route of an expiry batch: metatiles of one style and scale, in the body (see <see cref="EncodeMetatiles"/>).</summary>
    public const string ExpireRoute = "/internal/grains/expire";

    /// <summary>Route that waits for the re-renders an expiry batch started.</summary>
    public const string ExpireWaitRoute = "/internal/grains/expire/wait";

    /// <summary>Bytes per metatile in an expiry batch body: z, x, y of its first tile as little-endian int32.</summary>
    public const int MetatileRecordSize = 12;

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

    public static string ExpirePath(string style, int scale) =>
        string.Create(CultureInfo.InvariantCulture, $"{ExpireRoute}?style={Uri.EscapeDataString(style)}&scale={scale}");

    public static string ExpireWaitPath(string style, int scale, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"{ExpireWaitRoute}?style={Uri.EscapeDataString(style)}&scale={scale}&timeoutMs={(long)timeout.TotalMilliseconds}");

    public static byte[] EncodeMetatiles(IReadOnlyList<MetatileCoord> metatiles)
    {
        byte[] body = new byte[metatiles.Count * MetatileRecordSize];
        var span = body.AsSpan();
        foreach (var m in metatiles)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, m.Z);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], m.X);
            BinaryPrimitives.WriteInt32LittleEndian(span[8..], m.Y);
            span = span[MetatileRecordSize..];
        }

        return body;
    }

    /// <summary>Reads an expiry batch body; false (with the reason) when it is not a whole number of valid, aligned metatiles.</summary>
    public static bool TryDecodeMetatiles(ReadOnlySpan<byte> body, List<MetatileCoord> metatiles, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        if (body.Length % MetatileRecordSize != 0)
        {
            error = $"body length {body.Length} is not a multiple of {MetatileRecordSize}";
            return false;
        }

        for (; !body.IsEmpty; body = body[MetatileRecordSize..])
        {
            int z = BinaryPrimitives.ReadInt32LittleEndian(body);
            int x = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            int y = BinaryPrimitives.ReadInt32LittleEndian(body[8..]);
            if (!MetatileCoord.TryCreate(z, x, y, out var metatile, out string? invalid))
            {
                error = invalid ?? $"{z}/{x}/{y} is not a tile";
                return false;
            }

            if (metatile.X != x || metatile.Y != y)
            {
                error = $"{z}/{x}/{y} is not the first tile of a metatile";
                return false;
            }

            metatiles.Add(metatile);
        }

        error = null;
        return true;
    }
}
