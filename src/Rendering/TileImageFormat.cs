namespace TileCluster.Rendering;

/// <summary>How tiles are encoded.</summary>
internal enum TileImageFormat
{
    /// <summary>8-bit palette PNG quantised with libimagequant, like Mapnik's png256.</summary>
    Png256,

    /// <summary>24-bit RGB PNG.</summary>
    Png32,

    /// <summary>Baseline JPEG, encoded by Skia.</summary>
    Jpeg,

    /// <summary>Lossy WebP, encoded by Skia.</summary>
    Webp,
}
