namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Layers:{name}:Store</c>: how the silo keeps the layer's tiles on disk, under <c>Store:Root</c>.
/// </summary>
public sealed class LayerStoreOptions
{
    /// <summary>mod_tile's <c>.meta</c> files (8×8 metatiles in hashed folders): rendered layers.</summary>
    public const string MetaLayout = "meta";

    /// <summary>Plain <c>{layer}/{z}/{x}/{y}.{ext}</c> files (TileStache's "portable" disk cache): pass-through layers.</summary>
    public const string TilesLayout = "tiles";

    /// <summary>Nothing on disk: every miss goes to the source (an MBTiles file is a store already).</summary>
    public const string NoneLayout = "none";

    /// <summary>The layouts.</summary>
    public static IReadOnlyList<string> Layouts { get; } = [MetaLayout, TilesLayout, NoneLayout];

    /// <summary>
    /// <c>meta</c>, <c>tiles</c> or <c>none</c>; unset: <c>meta</c> for <c>style</c> and
    /// <c>vector</c>, <c>tiles</c> for <c>proxy</c>, <c>none</c> for <c>mbtiles</c>.
    /// </summary>
    public string? Layout { get; set; }
}
