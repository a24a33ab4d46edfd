namespace TileCluster.Grains.Abstractions.Export;

/// <summary>
/// One horizontal strip of a raster export, compressed on the silo so the gateway only stitches:
/// for PNG, raw deflate data of the strip's filtered scanlines ending in a sync flush (the strips
/// concatenate into one zlib stream); for GeoTIFF, one complete zlib stream (one TIFF strip,
/// horizontal predictor); for JPEG, a whole baseline JPEG of the strip (the gateway joins the scans).
/// </summary>
/// <param name="Status">The outcome.</param>
/// <param name="Bytes">The compressed strip when <see cref="Status"/> is <see cref="ExportStatus.Ok"/>; empty otherwise.</param>
/// <param name="Adler32">Adler-32 of the uncompressed bytes (PNG: the filtered scanlines), so the gateway can combine the stream's checksum.</param>
/// <param name="RawLength">Length of the uncompressed bytes (the PNG checksum needs it).</param>
/// <param name="RetryAfter">When to retry an overloaded or unavailable export.</param>
[GenerateSerializer]
[Immutable]
public sealed record ExportStrip(ExportStatus Status, byte[] Bytes, uint Adler32, long RawLength, TimeSpan RetryAfter)
{
    /// <summary>A rendered, compressed strip.</summary>
    public static ExportStrip Ok(byte[] bytes, uint adler32, long rawLength) => new(ExportStatus.Ok, bytes, adler32, rawLength, TimeSpan.Zero);

    /// <summary>Not rendered: the queue was full or the render failed.</summary>
    public static ExportStrip Failed(ExportStatus status, TimeSpan retryAfter) => new(status, [], 1, 0, retryAfter);
}
