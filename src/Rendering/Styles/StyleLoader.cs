namespace TileCluster.Rendering.Styles;

/// <summary>Loads style files; see docs/styles.md for the format.</summary>
internal static class StyleLoader
{
    /// <summary>Reads and validates the style at <paramref name="path"/>; throws <see cref="StyleException"/> when it is broken.</summary>
    public static MapStyle Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StyleException($"{path}:1:1: cannot read style file: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Parses style YAML; <paramref name="fileName"/> appears in error messages, and relative font
    /// file paths are resolved against its directory. The style's font files are opened here.
    /// </summary>
    public static MapStyle Parse(string yaml, string fileName) => new StyleParser(fileName).Parse(yaml);
}
