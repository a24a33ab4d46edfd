using BitMiracle.LibTiff.Classic;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Rendering.Export;

/// <summary>
/// Writes an RGBA bitmap as a GeoTIFF in EPSG:3857: ModelPixelScale and one ModelTiepoint give
/// the pixel grid, the GeoKeyDirectory says projected, pixel-is-area, EPSG:3857.
/// </summary>
internal static class GeoTiffEncoder
{
    private const ushort ModelTypeProjected = 1;
    private const ushort RasterPixelIsArea = 1;
    private const ushort GTModelTypeGeoKey = 1024;
    private const ushort GTRasterTypeGeoKey = 1025;
    private const ushort ProjectedCSTypeGeoKey = 3072;
    private const ushort WebMercator = 3857;

    private static readonly TiffFieldInfo[] GeoTiffFields =
    [
        new(TiffTag.GEOTIFF_MODELPIXELSCALETAG, TiffFieldInfo.Variable2, TiffFieldInfo.Variable2, TiffType.DOUBLE, FieldBit.Custom, true, true, "ModelPixelScale"),
        new(TiffTag.GEOTIFF_MODELTIEPOINTTAG, TiffFieldInfo.Variable2, TiffFieldInfo.Variable2, TiffType.DOUBLE, FieldBit.Custom, true, true, "ModelTiepoint"),
        new(TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG, TiffFieldInfo.Variable2, TiffFieldInfo.Variable2, TiffType.SHORT, FieldBit.Custom, true, true, "GeoKeyDirectory"),
    ];

    /// <summary>Encodes <paramref name="bitmap"/> (RGBA, unpremultiplied) covering <paramref name="request"/>'s rectangle.</summary>
    public static byte[] Encode(SKBitmap bitmap, ExportRequest request)
    {
        int width = bitmap.Width, height = bitmap.Height;
        using var stream = new MemoryStream();
        using (var tiff = Tiff.ClientOpen("export.tif", "w", stream, new TiffStream())
            ?? throw new InvalidOperationException("LibTiff could not open an in-memory TIFF"))
        {
            // LibTiff.NET knows the GeoTIFF tag numbers but not their layout; declare them on this file only.
            tiff.MergeFieldInfo(GeoTiffFields, GeoTiffFields.Length);
            tiff.SetField(TiffTag.IMAGEWIDTH, width);
            tiff.SetField(TiffTag.IMAGELENGTH, height);
            tiff.SetField(TiffTag.SAMPLESPERPIXEL, 4);
            tiff.SetField(TiffTag.BITSPERSAMPLE, 8);
            tiff.SetField(TiffTag.EXTRASAMPLES, 1, new short[] { (short)ExtraSample.UNASSALPHA });
            tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.RGB);
            tiff.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
            tiff.SetField(TiffTag.COMPRESSION, Compression.DEFLATE);
            tiff.SetField(TiffTag.PREDICTOR, Predictor.HORIZONTAL);
            tiff.SetField(TiffTag.ROWSPERSTRIP, Math.Max(1, 65536 / (width * 4)));
            tiff.SetField(TiffTag.SOFTWARE, "TileCluster");

            double scaleX = (request.MaxX - request.MinX) / width;
            double scaleY = (request.MaxY - request.MinY) / height;
            bool tagged = tiff.SetField(TiffTag.GEOTIFF_MODELPIXELSCALETAG, 3, new[] { scaleX, scaleY, 0.0 })
                & tiff.SetField(TiffTag.GEOTIFF_MODELTIEPOINTTAG, 6, new[] { 0.0, 0.0, 0.0, request.MinX, request.MaxY, 0.0 });
            ushort[] keys =
            [
                1, 1, 0, 3, // version 1.1.0, three keys
                GTModelTypeGeoKey, 0, 1, ModelTypeProjected,
                GTRasterTypeGeoKey, 0, 1, RasterPixelIsArea,
                ProjectedCSTypeGeoKey, 0, 1, WebMercator,
            ];
            tagged &= tiff.SetField(TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG, keys.Length, Array.ConvertAll(keys, k => (short)k));
            if (!tagged)
            {
                throw new InvalidOperationException("LibTiff refused the GeoTIFF tags");
            }

            var pixels = bitmap.GetPixelSpan();
            int stride = bitmap.RowBytes;
            byte[] row = new byte[width * 4];
            for (int y = 0; y < height; y++)
            {
                pixels.Slice(y * stride, width * 4).CopyTo(row);
                if (!tiff.WriteScanline(row, y))
                {
                    throw new InvalidOperationException($"LibTiff failed writing row {y}");
                }
            }

            tiff.WriteDirectory();
        }

        return stream.ToArray();
    }
}
