namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>The <c>Layers</c> section: URL name → layer. Bound from the configuration root.</summary>
public sealed class LayersOptions
{
    /// <summary>Layers by URL name.</summary>
    public Dictionary<string, LayerOptions> Layers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Folder that relative file paths are resolved against (the configuration file's folder).</summary>
    public string BaseDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>The absolute path of a file named in the configuration.</summary>
    public string ResolveFile(string file) => Path.GetFullPath(Path.Combine(BaseDirectory, file));
}
