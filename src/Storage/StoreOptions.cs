using TileCluster.Storage.S3;

namespace TileCluster.Storage;

/// <summary>
/// The <c>Store</c> configuration section: the silos' store of rendered metatiles. One store serves
/// every layer: the local <c>.meta</c> tree under <see cref="Root"/>, and, when
/// <c>Store:S3:Bucket</c> is set, an S3 bucket behind it that the silos share.
/// </summary>
public sealed class StoreOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Store";

    /// <summary>Root folder of the <c>.meta</c> tree.</summary>
    public string Root { get; set; } = ".tilecluster/tiles";

    /// <summary>The S3 tier behind the disk; off while its <c>Bucket</c> is empty.</summary>
    public S3StoreOptions S3 { get; set; } = new();
}
