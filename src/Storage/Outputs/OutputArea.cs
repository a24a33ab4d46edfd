using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Outputs;

/// <summary>The checks every output's bounds and zoom range pass before anything is written.</summary>
internal static class OutputArea
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad field.</summary>
    public static void ThrowIfInvalid(double west, double south, double east, double north, int minZoom, int maxZoom, string paramName)
    {
        ThrowIfOutside("West", west, -180, 180, paramName);
        ThrowIfOutside("East", east, -180, 180, paramName);
        ThrowIfOutside("South", south, -WebMercator.MaxLatitude, WebMercator.MaxLatitude, paramName);
        ThrowIfOutside("North", north, -WebMercator.MaxLatitude, WebMercator.MaxLatitude, paramName);
        if (west >= east)
        {
            throw new ArgumentException(Invariant($"West ({west}) must be less than East ({east})"), paramName);
        }

        if (south >= north)
        {
            throw new ArgumentException(Invariant($"South ({south}) must be less than North ({north})"), paramName);
        }

        if (minZoom < 0 || maxZoom > TileCoord.MaxSupportedZoom || minZoom > maxZoom)
        {
            throw new ArgumentException(Invariant($"MinZoom..MaxZoom ({minZoom}..{maxZoom}) must be an ascending range within 0..{TileCoord.MaxSupportedZoom}"), paramName);
        }
    }

    /// <summary>The exception for a bad field of <paramref name="paramName"/>.</summary>
    public static ArgumentException Invalid(string message, string paramName) => new(message, paramName);

    private static void ThrowIfOutside(string field, double value, double min, double max, string paramName)
    {
        // Written so that NaN fails too.
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException(Invariant($"{field} ({value}) must be within {min}..{max} degrees"), paramName);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
