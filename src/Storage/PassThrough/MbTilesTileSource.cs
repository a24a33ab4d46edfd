using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.PassThrough;

/// <summary>The tiles of <c>mbtiles</c> layers, read from their files (read-only, pooled connections).</summary>
internal sealed class MbTilesTileSource(IOptions<LayersOptions> layers)
{
    public async ValueTask<SourceTile> FetchAsync(string layer, TileCoord tile, CancellationToken cancellationToken)
    {
        var options = layers.Value;
        var provider = options.Layers[layer].Provider;
        string path = options.ResolveFile(provider.File!);
        byte[]? bytes;
        try
        {
            bytes = await MbTilesFile.ReadTileAsync(path, tile, cancellationToken);
        }
        catch (SqliteException e)
        {
            return SourceTile.Failed(TileStatus.Unavailable, $"the MBTiles file of layer '{layer}' cannot be read: {e.Message}");
        }

        return bytes is null
            ? SourceTile.Failed(TileStatus.NotFound, $"the MBTiles file of layer '{layer}' has no tile {tile}")
            : SourceTile.Ok(TileContent.Plain(provider.PassThroughFormat, bytes));
    }
}
