namespace TileCluster.Storage.Outputs;

/// <summary>What a <c>tilemapresource.xml</c> describes: a tile tree in the global-mercator profile.</summary>
/// <param name="Title">The tile map's title.</param>
/// <param name="West">West edge in WGS84 degrees.</param>
/// <param name="South">South edge in WGS84 degrees.</param>
/// <param name="East">East edge in WGS84 degrees.</param>
/// <param name="North">North edge in WGS84 degrees.</param>
/// <param name="MinZoom">Lowest zoom in the tree.</param>
/// <param name="MaxZoom">Highest zoom in the tree.</param>
/// <param name="Extension">The tiles' file extension: <c>png</c> or <c>jpg</c>.</param>
public sealed record TileMapResourceInfo(
    string Title,
    double West,
    double South,
    double East,
    double North,
    int MinZoom,
    int MaxZoom,
    string Extension = "png")
{
    /// <summary>The tiles' MIME type.</summary>
    internal string MimeType => Extension == "jpg" ? "image/jpeg" : "image/png";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad field.</summary>
    internal void ThrowIfInvalid()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            throw OutputArea.Invalid("Title must not be empty", "info");
        }

        if (Extension is not ("png" or "jpg"))
        {
            throw OutputArea.Invalid($"Extension '{Extension}' must be png or jpg", "info");
        }

        OutputArea.ThrowIfInvalid(West, South, East, North, MinZoom, MaxZoom, "info");
    }
}
