namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>An output an export job can produce; produced one after another, in the spec's order.</summary>
public enum JobOutputKind
{
    /// <summary>The tile tree in TMS row order, with <c>tilemapresource.xml</c>.</summary>
    Tms = 0,

    /// <summary>The tile tree in XYZ row order.</summary>
    Xyz = 1,

    /// <summary>An MBTiles 1.3 file of the tiles.</summary>
    MbTiles = 2,

    /// <summary>A zip of the XYZ tile tree.</summary>
    Zip = 3,

    /// <summary>One PNG image of the bbox per zoom.</summary>
    Png = 4,

    /// <summary>One JPEG image of the bbox per zoom.</summary>
    Jpeg = 5,

    /// <summary>One GeoTIFF (EPSG:3857) of the bbox per zoom.</summary>
    GeoTiff = 6,

    /// <summary>One PDF of the bbox per zoom.</summary>
    Pdf = 7,
}
