namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>The <c>Styles</c> section: URL name → style. Bound from the configuration root.</summary>
public sealed class StylesOptions
{
    /// <summary>Styles by URL name.</summary>
    public Dictionary<string, StyleOptions> Styles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Folder that relative style file paths are resolved against (the configuration file's folder).</summary>
    public string BaseDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>The absolute path of a style's file.</summary>
    public string ResolveFile(StyleOptions style) => Path.GetFullPath(Path.Combine(BaseDirectory, style.File));
}
