using Microsoft.Extensions.Options;
using Npgsql;
using TileCluster.Rendering.Scheduling;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Url;

namespace TileCluster.Rendering;

/// <summary>
/// Makes one renderer per render thread (a <see cref="MapRenderer"/>, wrapped by a <see cref="LayerRenderer"/>
/// when vector, UTFGrid, url or composite layers are configured), all sharing the styles, the connection pool
/// and the upstream HTTP client.
/// </summary>
internal sealed class MapRendererFactory(StyleCatalog catalog, NpgsqlDataSource dataSource, UpstreamClient upstream, IOptions<RenderOptions> options) : IMapRendererFactory
{
    public IMapRenderer Create(Func<int> encodeWorkers)
    {
        int bufferPx = options.Value.BufferPx;
        var raster = new MapRenderer(catalog.Styles, dataSource, bufferPx, encodeWorkers, catalog.BufferPxByLayer);
        return catalog.StylesOnly ? raster : new LayerRenderer(raster, catalog, dataSource, upstream, bufferPx, encodeWorkers);
    }
}
