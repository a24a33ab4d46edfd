using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Outputs;

/// <summary>The metadata of an MBTiles file: what a viewer shows and where it starts.</summary>
/// <param name="Name">The tileset's name (MBTiles <c>name</c>).</param>
/// <param name="Description">A longer description, or null to leave it out.</param>
/// <param name="West">West edge in WGS84 degrees.</param>
/// <param name="South">South edge in WGS84 degrees.</param>
/// <param name="East">East edge in WGS84 degrees.</param>
/// <param name="North">North edge in WGS84 degrees.</param>
/// <param name="MinZoom">Lowest zoom in the tree.</param>
/// <param name="MaxZoom">Highest zoom in the tree.</param>
/// <param name="Format"><c>png</c>, <c>jpg</c> or <c>webp</c>; also the tree's file extension.</param>
/// <param name="Attribution">The attribution a viewer displays.</param>
public sealed record MbTilesMetadata(
    string Name,
    string? Description,
    double West,
    double South,
    double East,
    double North,
    int MinZoom,
    int MaxZoom,
    string Format = "png",
    string Attribution = "© OpenStreetMap contributors")
{
    /// <summary>The largest size in pixels the bounds should have at the <see cref="CenterZoom"/>: about one screen.</summary>
    internal const double CenterViewPx = 1024;

    /// <summary>
    /// The zoom of the MBTiles <c>center</c>: the deepest zoom in <see cref="MinZoom"/>..<see cref="MaxZoom"/>
    /// at which the bounds still fit in <see cref="CenterViewPx"/> pixels both ways.
    /// </summary>
    internal int CenterZoom
    {
        get
        {
            double extent = Math.Max(WebMercator.X(East) - WebMercator.X(West), WebMercator.Y(North) - WebMercator.Y(South));
            int zoom = MinZoom;
            while (zoom < MaxZoom && extent / WebMercator.MetresPerPixel(zoom + 1) <= CenterViewPx)
            {
                zoom++;
            }

            return zoom;
        }
    }

    /// <summary>The latitude of the bounds' middle on the map (the Mercator middle, not the mean of the degrees).</summary>
    internal double CenterLatitude => WebMercator.Latitude((WebMercator.Y(South) + WebMercator.Y(North)) / 2);

    /// <summary>The longitude of the bounds' middle.</summary>
    internal double CenterLongitude => (West + East) / 2;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad field.</summary>
    internal void ThrowIfInvalid()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw OutputArea.Invalid("Name must not be empty", "metadata");
        }

        if (Format is not ("png" or "jpg" or "webp"))
        {
            throw OutputArea.Invalid($"Format '{Format}' must be png, jpg or webp", "metadata");
        }

        OutputArea.ThrowIfInvalid(West, South, East, North, MinZoom, MaxZoom, "metadata");
    }
}
