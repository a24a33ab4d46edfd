namespace TileCluster.Cli.Jobs;

/// <summary>One output in a status document: a tile tree's URL template or a file's URL, relative to the gateway.</summary>
internal sealed class JobOutput
{
    /// <summary>tms, xyz, mbtiles, zip, png, jpeg, geotiff or pdf.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The path on the gateway, e.g. <c>/jobs/{id}/files/osm-12-17.mbtiles</c> or <c>/jobs/{id}/tms/{z}/{x}/{y}.png</c>.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The zoom of a per-zoom image.</summary>
    public int? Zoom { get; set; }

    /// <summary>A file's size.</summary>
    public long? Bytes { get; set; }
}
