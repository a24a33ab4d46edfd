using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Rendering.Composite;
using TileCluster.Rendering.Imaging;
using TileCluster.Rendering.Url;
using TileCluster.Rendering.UtfGrid;
using TileCluster.Rendering.VectorTiles;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// The style of every configured layer whose provider is a style or makes vector tiles or UTFGrids
/// from one, and the url and composite layers, read once at start-up: a
/// broken style file stops the process with its file, line and problem rather than failing on the
/// first render. A layer's <c>Png:Palette256</c> overrides its style's <c>format</c>.
/// </summary>
internal sealed class StyleCatalog
{
    public StyleCatalog(IOptions<LayersOptions> options)
    {
        var styles = new Dictionary<string, MapStyle>(StringComparer.Ordinal);
        var buffers = new Dictionary<string, int>(StringComparer.Ordinal);
        var vectors = new Dictionary<string, VectorLayer>(StringComparer.Ordinal);
        var urls = new Dictionary<string, UrlLayer>(StringComparer.Ordinal);
        var composites = new Dictionary<string, CompositeLayer>(StringComparer.Ordinal);
        var grids = new Dictionary<string, UtfGridLayer>(StringComparer.Ordinal);
        foreach (var (name, layer) in options.Value.Layers)
        {
            // Fetched and blended images are palette PNGs unless Png:Palette256 is false, like the shipped style.
            var imageFormat = layer.Png.Palette256 is false ? TileImageFormat.Png32 : TileImageFormat.Png256;
            if (layer.Provider.Kind == LayerProviderOptions.UrlKind && LayerUrlTemplate.TryParse(layer.Provider.Template, out var template, out _))
            {
                urls.Add(name, new UrlLayer(template, layer.Provider.Timeout, layer.Provider.Retries, imageFormat));
                if (layer.Metatile.Buffer is { } urlBuffer)
                {
                    buffers.Add(name, urlBuffer);
                }

                continue;
            }

            if (layer.Provider.Kind == LayerProviderOptions.CompositeKind)
            {
                composites.Add(name, CompositeLayer.From(layer.Provider, imageFormat));
                continue;
            }

            if (layer.Provider.Kind is not (LayerProviderOptions.StyleKind or LayerProviderOptions.VectorKind or LayerProviderOptions.UtfGridKind) || layer.Provider.File is null)
            {
                continue;
            }

            MapStyle style;
            try
            {
                style = StyleLoader.Load(options.Value.ResolveFile(layer.Provider.File));
            }
            catch (StyleException e)
            {
                throw new ConfigurationException($"Layers:{name}:Provider:File: {e.Message}", e);
            }

            if (layer.Provider.IsVector)
            {
                vectors.Add(name, VectorLayer.From(style, layer.Provider));
                continue;
            }

            if (layer.Provider.IsUtfGrid)
            {
                grids.Add(name, UtfGridLayer.From(name, style, layer.Provider));
                continue;
            }

            if (layer.Png.Palette256 is { } palette)
            {
                style = style with { Format = palette ? TileImageFormat.Png256 : TileImageFormat.Png32 };
            }

            style = layer.Provider.EffectiveFormat switch
            {
                "jpeg" => style with { Format = TileImageFormat.Jpeg, Quality = layer.Jpeg.Quality, Progressive = layer.Jpeg.Progressive },
                "webp" => style with { Format = TileImageFormat.Webp, Quality = layer.Webp.Quality },
                _ => style with { PngCompression = layer.Png.Compression ?? PngEncoder.DefaultCompressionLevel },
            };

            styles.Add(name, style);
            if (layer.Metatile.Buffer is { } buffer)
            {
                buffers.Add(name, buffer);
            }
        }

        Styles = styles;
        BufferPxByLayer = buffers;
        VectorLayers = vectors;
        UrlLayers = urls;
        CompositeLayers = composites;
        GridLayers = grids;
    }

    /// <summary>The <c>url</c> layers by layer name.</summary>
    public IReadOnlyDictionary<string, UrlLayer> UrlLayers { get; }

    /// <summary>The <c>composite</c> layers by layer name.</summary>
    public IReadOnlyDictionary<string, CompositeLayer> CompositeLayers { get; }

    /// <summary>The UTFGrid layers by layer name.</summary>
    public IReadOnlyDictionary<string, UtfGridLayer> GridLayers { get; }

    /// <summary>Whether every layer is a style layer, which the raster renderer draws alone.</summary>
    public bool StylesOnly => VectorLayers.Count == 0 && UrlLayers.Count == 0 && CompositeLayers.Count == 0 && GridLayers.Count == 0;

    /// <summary>The vector layers by layer name.</summary>
    public IReadOnlyDictionary<string, VectorLayer> VectorLayers { get; }

    /// <summary>The styles by layer name.</summary>
    public IReadOnlyDictionary<string, MapStyle> Styles { get; }

    /// <summary>The layers whose metatile buffer differs from <c>Render:BufferPx</c>.</summary>
    public IReadOnlyDictionary<string, int> BufferPxByLayer { get; }
}
