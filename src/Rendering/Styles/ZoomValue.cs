using System.Collections.Immutable;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// A number that may change with zoom: a constant, or stops interpolated linearly between
/// zooms and held constant before the first and after the last stop.
/// </summary>
internal sealed class ZoomValue
{
    private readonly ImmutableArray<ZoomStop> _stops;

    private ZoomValue(ImmutableArray<ZoomStop> stops) => _stops = stops;

    /// <summary>The stops, sorted by zoom; a constant has exactly one.</summary>
    public ImmutableArray<ZoomStop> Stops => _stops;

    /// <summary>The same value at every zoom.</summary>
    public static ZoomValue Constant(double value) => new([new ZoomStop(0, value)]);

    /// <summary>Stops in any order; zooms must be distinct (the parser checks).</summary>
    public static ZoomValue FromStops(IEnumerable<ZoomStop> stops)
    {
        var sorted = stops.OrderBy(s => s.Zoom).ToImmutableArray();
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("at least one stop is required", nameof(stops));
        }

        return new ZoomValue(sorted);
    }

    /// <summary>The value at <paramref name="zoom"/>.</summary>
    public double At(double zoom)
    {
        var stops = _stops;
        if (zoom <= stops[0].Zoom)
        {
            return stops[0].Value;
        }

        for (int i = 1; i < stops.Length; i++)
        {
            if (zoom <= stops[i].Zoom)
            {
                var a = stops[i - 1];
                var b = stops[i];
                double t = (zoom - a.Zoom) / (b.Zoom - a.Zoom);
                return a.Value + ((b.Value - a.Value) * t);
            }
        }

        return stops[^1].Value;
    }

    /// <inheritdoc />
    public override string ToString() =>
        _stops.Length == 1 ? _stops[0].Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "{" + string.Join(", ", _stops.Select(s => FormattableString.Invariant($"{s.Zoom}: {s.Value}"))) + "}";
}
