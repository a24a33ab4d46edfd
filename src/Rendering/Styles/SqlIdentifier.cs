namespace TileCluster.Rendering.Styles;

/// <summary>Column names from style files: validated, then always double-quoted in SQL.</summary>
internal static class SqlIdentifier
{
    /// <summary>Whether <paramref name="name"/> is 1-63 characters of letters, digits, '_' or ':' not starting with a digit.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > 63 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetter(c) || char.IsAsciiDigit(c) || c is '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The quoted identifier; <paramref name="name"/> must be valid.</summary>
    public static string Quote(string name) =>
        IsValid(name) ? $"\"{name}\"" : throw new ArgumentException($"'{name}' is not a valid column name", nameof(name));
}
