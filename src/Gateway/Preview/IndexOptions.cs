namespace TileCluster.Gateway.Preview;

/// <summary>
/// <c>Index</c>: what <c>GET /</c> shows (TileStache's <c>index</c>). Neither key set: a page
/// listing the layers with their preview, TileJSON and tile URLs.
/// </summary>
public sealed class IndexOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Index";

    /// <summary>An HTML file served as the index page, relative to the configuration file's folder.</summary>
    public string? File { get; set; }

    /// <summary>A URL or path <c>/</c> redirects to (302), such as <c>/osm/preview.html</c>.</summary>
    public string? Redirect { get; set; }
}
