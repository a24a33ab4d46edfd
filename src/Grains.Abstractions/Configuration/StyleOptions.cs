namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>One entry of the <c>Styles</c> section: a style served under its URL name.</summary>
public sealed class StyleOptions
{
    /// <summary>The style file (YAML), relative to the configuration file's folder.</summary>
    public string File { get; set; } = string.Empty;

    /// <summary>Title shown on the preview page.</summary>
    public string? Title { get; set; }

    /// <summary>Lowest zoom served.</summary>
    public int MinZoom { get; set; }

    /// <summary>Highest zoom served.</summary>
    public int MaxZoom { get; set; } = 19;

    /// <summary>Data bounds as west, south, east, north in degrees; the preview fits them. Null means the world.</summary>
    public double[]? Bounds { get; set; }

    /// <summary>Initial preview view: longitude, latitude, zoom.</summary>
    public double[]? Center { get; set; }

    /// <summary>Attribution shown on the map (HTML allowed).</summary>
    public string Attribution { get; set; } = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";
}
