using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>Names and groupings of <see cref="JobOutputKind"/>; the names are those of the HTTP contract.</summary>
public static class JobOutputKinds
{
    /// <summary>The contract name: tms, xyz, mbtiles, zip, png, jpeg, geotiff, pdf.</summary>
    public static string Name(JobOutputKind kind) => kind switch
    {
        JobOutputKind.Tms => "tms",
        JobOutputKind.Xyz => "xyz",
        JobOutputKind.MbTiles => "mbtiles",
        JobOutputKind.Zip => "zip",
        JobOutputKind.Png => "png",
        JobOutputKind.Jpeg => "jpeg",
        JobOutputKind.GeoTiff => "geotiff",
        _ => "pdf",
    };

    /// <summary>Parses a contract name (lower case only); false for anything else.</summary>
    public static bool TryParse(string? name, out JobOutputKind kind)
    {
        foreach (var candidate in Enum.GetValues<JobOutputKind>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Whether the output is made from the job's tile tree (tms, xyz, mbtiles, zip).</summary>
    public static bool NeedsTileTree(JobOutputKind kind) => kind is JobOutputKind.Tms or JobOutputKind.Xyz or JobOutputKind.MbTiles or JobOutputKind.Zip;

    /// <summary>The image format of a per-zoom image output; null for the tile outputs.</summary>
    public static ExportFormat? ImageFormat(JobOutputKind kind) => kind switch
    {
        JobOutputKind.Png => ExportFormat.Png,
        JobOutputKind.Jpeg => ExportFormat.Jpeg,
        JobOutputKind.GeoTiff => ExportFormat.GeoTiff,
        JobOutputKind.Pdf => ExportFormat.Pdf,
        _ => null,
    };

    /// <summary>The file extension of a per-zoom image or file output.</summary>
    public static string Extension(JobOutputKind kind) => kind switch
    {
        JobOutputKind.MbTiles => "mbtiles",
        JobOutputKind.Zip => "zip",
        JobOutputKind.Jpeg => "jpg",
        JobOutputKind.GeoTiff => "tif",
        JobOutputKind.Pdf => "pdf",
        _ => "png",
    };
}
