namespace TileCluster.Storage.S3;

/// <summary>The kinds of change the S3 write queue retries.</summary>
internal enum S3PendingKind
{
    /// <summary>Upload a rendered metatile.</summary>
    Put,

    /// <summary>Mark a stored object dirty.</summary>
    MarkDirty,

    /// <summary>Remove the object.</summary>
    Delete,
}
