using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.PassThrough;

/// <summary>Sends each pass-through layer's fetches to the source of its provider kind.</summary>
internal sealed class PassThroughSources(IOptions<LayersOptions> layers, ProxyTileSource proxy, MbTilesTileSource mbTiles) : IPassThroughSource
{
    public ValueTask<SourceTile> FetchAsync(string layer, TileCoord tile, CancellationToken cancellationToken) =>
        layers.Value.Layers[layer].Provider.Kind == LayerProviderOptions.ProxyKind
            ? proxy.FetchAsync(layer, tile, cancellationToken)
            : mbTiles.FetchAsync(layer, tile, cancellationToken);
}
