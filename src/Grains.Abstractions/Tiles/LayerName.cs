namespace TileCluster.Grains.Abstractions.Tiles;

/// <summary>Rules for layer URL names: they become path segments, so the alphabet is small.</summary>
public static class LayerName
{
    /// <summary>Longest accepted layer name.</summary>
    public const int MaxLength = 40;

    /// <summary>First path segments the gateway uses itself; a layer of that name would be hidden behind them.</summary>
    public static IReadOnlyList<string> Reserved { get; } = ["admin", "app", "dashboard", "healthz", "jobs", "readyz", "status"];

    /// <summary>Whether <paramref name="name"/> is 1-40 characters of a-z, 0-9, '-' or '_'.</summary>
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
