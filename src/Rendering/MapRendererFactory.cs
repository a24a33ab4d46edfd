using Microsoft.Extensions.Options;
using Npgsql;
using TileCluster.Rendering.Scheduling;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering;

/// <summary>Makes one <see cref="MapRenderer"/> per render thread, all sharing the styles and the connection pool.</summary>
internal sealed class MapRendererFactory(StyleCatalog catalog, NpgsqlDataSource dataSource, IOptions<RenderOptions> options) : IMapRendererFactory
{
    public IMapRenderer Create(Func<int> encodeWorkers) => new MapRenderer(catalog.Styles, dataSource, options.Value.BufferPx, encodeWorkers, catalog.BufferPxByLayer);
}
