using System.Globalization;

namespace TileCluster.Cli.Infrastructure;

/// <summary>
/// A WGS84 box as <c>--bbox W,S,E,N</c> takes it, checked the way the gateway checks
/// <c>bbox=</c> (four finite numbers, longitudes within ±180, latitudes within Web Mercator's
/// ±85.0511, west below east and south below north), so a bad box never leaves the machine.
/// </summary>
internal readonly record struct BoundingBox(double West, double South, double East, double North)
{
    /// <summary>Web Mercator's latitude limit in degrees.</summary>
    public const double MaxLatitude = 85.0511;

    /// <summary>The four numbers as the gateway's query takes them: <c>W,S,E,N</c>, invariant, round-trippable.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{West:R},{South:R},{East:R},{North:R}");

    /// <summary>The four numbers as the jobs API's JSON array takes them.</summary>
    public double[] ToArray() => [West, South, East, North];

    /// <summary>Parses <c>W,S,E,N</c>; <paramref name="error"/> names the option and what is wrong.</summary>
    public static bool TryParse(string text, out BoundingBox box, out string? error)
    {
        box = default;
        var parts = text.Split(',');
        var values = new double[parts.Length];
        bool numbers = parts.Length == 4;
        for (int i = 0; numbers && i < parts.Length; i++)
        {
            numbers = double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i]);
        }

        if (!numbers)
        {
            error = $"--bbox '{text}' is not four numbers: use W,S,E,N in WGS84 degrees (e.g. 9.47,47.04,9.64,47.28)";
            return false;
        }

        (double west, double south, double east, double north) = (values[0], values[1], values[2], values[3]);
        if (west is < -180 or > 180 || east is < -180 or > 180)
        {
            error = $"--bbox '{text}': longitudes must be within -180..180";
            return false;
        }

        if (south is < -MaxLatitude or > MaxLatitude || north is < -MaxLatitude or > MaxLatitude)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"--bbox '{text}': latitudes must be within -{MaxLatitude}..{MaxLatitude} (Web Mercator)");
            return false;
        }

        if (!(west < east) || !(south < north))
        {
            error = $"--bbox '{text}' is empty or inverted: west must be less than east and south less than north";
            return false;
        }

        box = new BoundingBox(west, south, east, north);
        error = null;
        return true;
    }
}
