namespace TileCluster.Storage.S3;

/// <summary>
/// <c>Store:S3</c>: an S3-compatible bucket behind the silo's disk store. Every silo writes its
/// metatiles there too, so a silo that takes over a metatile (or a new one) finds it rendered.
/// </summary>
public sealed class S3StoreOptions
{
    /// <summary>The bucket; the tier is off while this is empty. The bucket must exist.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>
    /// The endpoint of an S3-compatible server (MinIO, Ceph RGW, s3rver…), e.g. <c>http://minio:9000</c>;
    /// empty for AWS itself, which is then found from <see cref="Region"/>.
    /// </summary>
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>The region requests are signed for (AWS: where the bucket is).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Put the bucket in the path (<c>host/bucket/key</c>) rather than the host name; most non-AWS servers need it.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>
    /// The access key id; with <see cref="SecretKey"/>. Empty: the AWS SDK's own chain
    /// (<c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>, a profile, or the pod's web identity).
    /// </summary>
    public string AccessKey { get; set; } = string.Empty;

    /// <summary>The secret access key; set it from a secret (<c>Store__S3__SecretKey</c>), not in a file.</summary>
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Prepended to every object key (<c>{Prefix}{style}/{z}/{h4}/…/{h0}.meta</c>), so several clusters can share a bucket.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Longest wait for one S3 call; a read that takes longer is a miss and the metatile is rendered.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a failing S3 is skipped (reads miss, writes queue) before it is tried again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most metatile writes (and dirty marks and deletions) held for retry while S3 fails. A write
    /// that finds the queue full is dropped for S3 (it is on the disk) and counted.
    /// </summary>
    public int RetryQueueLength { get; set; } = 2048;

    /// <summary>The wait before retrying queued writes; it doubles per failed round up to 16 times this.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the tier is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Bucket);
}
