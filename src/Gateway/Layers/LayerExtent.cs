using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Layers;

/// <summary>Where a layer is: the box around its bounds and the centre its previews open at.</summary>
internal static class LayerExtent
{
    private static readonly double MaxLatitude = Math.Round(WebMercator.MaxLatitude, 4);

    /// <summary>West, south, east, north of the box around all of the layer's bounds; the world when it has none.</summary>
    public static double[] Bounds(LayerOptions layer)
    {
        if (layer.Bounds.Count == 0)
        {
            return [-180, -MaxLatitude, 180, MaxLatitude];
        }

        double west = 180, south = 90, east = -180, north = -90;
        foreach (var box in layer.Bounds)
        {
            west = Math.Min(west, box.West!.Value);
            south = Math.Min(south, box.South!.Value);
            east = Math.Max(east, box.East!.Value);
            north = Math.Max(north, box.North!.Value);
        }

        return [west, south, east, north];
    }

    /// <summary>Longitude, latitude and zoom: the layer's <c>Preview</c>, else the middle of its bounds at its lowest zoom.</summary>
    public static double[] Center(LayerOptions layer)
    {
        var preview = layer.Preview;
        if (preview.HasCenter)
        {
            return [preview.Lon!.Value, preview.Lat!.Value, preview.Zoom!.Value];
        }

        double[] bounds = Bounds(layer);
        return [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, layer.MinZoom];
    }
}
