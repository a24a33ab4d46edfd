namespace TileCluster.Storage;

/// <summary>The <c>Store</c> configuration section.</summary>
public sealed class StoreOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Store";

    /// <summary>Root folder of the <c>.meta</c> tree.</summary>
    public string Root { get; set; } = ".tilecluster/tiles";
}
