using Microsoft.Extensions.Options;
using Npgsql;
using TileCluster.Rendering.Scheduling;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering;

/// <summary>Makes one renderer per render thread (a <see cref="MapRenderer"/>, wrapped by a <see cref="LayerRenderer"/> when vector or UTFGrid layers are configured), all sharing the styles and the connection pool.</summary>
internal sealed class MapRendererFactory(StyleCatalog catalog, NpgsqlDataSource dataSource, IOptions<RenderOptions> options) : IMapRendererFactory
{
    public IMapRenderer Create(Func<int> encodeWorkers)
    {
        var raster = new MapRenderer(catalog.Styles, dataSource, options.Value.BufferPx, encodeWorkers, catalog.BufferPxByLayer);
        return catalog.VectorLayers.Count == 0 && catalog.GridLayers.Count == 0 ? raster : new LayerRenderer(raster, catalog.VectorLayers, catalog.GridLayers, dataSource);
    }
}
