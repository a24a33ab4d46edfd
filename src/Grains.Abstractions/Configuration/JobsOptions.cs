namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Jobs</c>: where job outputs live and how long, and how hard one job drives the cluster.
/// Silos write under <see cref="Root"/> and gateways serve from it, so it is one folder shared by
/// all of them (a ReadWriteMany volume in Kubernetes).
/// </summary>
public sealed class JobsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Jobs";

    /// <summary>Folder of the job outputs: <c>{Root}/{id}/tiles/{z}/{x}/{y}.png</c>, <c>{Root}/{id}/files/…</c>.</summary>
    public string Root { get; set; } = ".tilecluster/jobs";

    /// <summary>How long a finished job and its outputs are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a gateway removes jobs older than <see cref="Retention"/>.</summary>
    public TimeSpan RetentionCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most bytes all job outputs may take; while they take more, new jobs are refused (507).</summary>
    public long QuotaBytes { get; set; } = 10L << 30;

    /// <summary>Metatiles one job has in flight at once (each at bulk priority).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Most metatiles one job may cover (over all its zooms); a larger job is refused at submit (400).</summary>
    public long MaxMetatiles { get; set; } = 1_000_000;

    /// <summary>Rows per strip of a per-zoom PNG or GeoTIFF image (rendered in strips across the silos, like large exports).</summary>
    public int StripHeightPx { get; set; } = 512;

    /// <summary>Strips of one per-zoom image rendering at once.</summary>
    public int StripsInFlight { get; set; } = 2;

    /// <summary>The absolute path of <see cref="Root"/>.</summary>
    public string FullRoot => Path.GetFullPath(Root);

    /// <summary>The folder of job <paramref name="id"/> (a valid job id).</summary>
    public string JobFolder(string id) => Path.Combine(FullRoot, id);
}
