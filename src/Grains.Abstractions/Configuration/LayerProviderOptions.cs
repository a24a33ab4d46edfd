namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Layers:{name}:Provider</c>: what makes a layer's tiles. <see cref="Kind"/> picks the provider;
/// the other keys belong to that kind.
/// </summary>
public sealed class LayerProviderOptions
{
    /// <summary>The kind that renders a YAML style from PostGIS (today's renderer).</summary>
    public const string StyleKind = "style";

    /// <summary>The provider kinds built so far.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [StyleKind];

    /// <summary>The provider kind: <c>style</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>For <c>style</c>: the style file (YAML), relative to the configuration file's folder.</summary>
    public string? File { get; set; }
}
