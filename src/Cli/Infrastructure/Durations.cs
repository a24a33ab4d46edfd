using System.Globalization;

namespace TileCluster.Cli.Infrastructure;

/// <summary>Durations on the command line: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, or a plain number of seconds.</summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; the error names the option and what was wrong.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        duration = default;
        string trimmed = text.Trim();
        (string number, double unitSeconds) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], 0.001),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1.0),
            _ when trimmed.EndsWith('m') => (trimmed[..^1], 60.0),
            _ when trimmed.EndsWith('h') => (trimmed[..^1], 3600.0),
            _ => (trimmed, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || number.Length == 0)
        {
            error = $"'{text}' is not a duration (use e.g. 500ms, 30s, 5m, 1h)";
            return false;
        }

        if (value <= 0 || value * unitSeconds > TimeSpan.FromDays(7).TotalSeconds)
        {
            error = $"'{text}' is outside the accepted range (more than 0, at most 7 days)";
            return false;
        }

        duration = TimeSpan.FromSeconds(value * unitSeconds);
        error = null;
        return true;
    }

    /// <summary>A short human form: 850ms, 42s, 3m05s, 2h10m, 12d04h.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Format(-duration);
        }

        return duration.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h{duration.Minutes:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays}d{duration.Hours:00}h"),
        };
    }
}
