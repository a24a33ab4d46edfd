using TileCluster.Grains.Abstractions.Tiles;

using TileCluster.Storage;

namespace TileCluster.Rendering;

/// <summary>
/// Renders whole metatiles. One instance per render-pool thread: it owns native Skia state (canvases,
/// paints, shapers and fonts), so it is not thread-safe and never shared.
/// </summary>
internal interface IMapRenderer : IDisposable
{
    /// <summary>
    /// Queries the style's layers for the metatile plus its buffer, draws them, and encodes
    /// every tile. Throws when the data source fails.
    /// </summary>
    RenderedMetatile Render(MetatileKey key, CancellationToken cancellationToken);
}
