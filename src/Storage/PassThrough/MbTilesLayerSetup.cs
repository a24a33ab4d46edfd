using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Storage.PassThrough;

/// <summary>
/// Gives each <c>mbtiles</c> layer what its file's <c>metadata</c> says: the tile format, the
/// zoom range (intersected with the layer's <c>MinZoom</c>..<c>MaxZoom</c>), the bounds (unless
/// the layer configures its own) and the attribution (unless configured); TileJSON, the preview
/// and the tile addresses then follow the file. A file that cannot be read stops start-up with
/// the layer, the path and the problem.
/// </summary>
internal sealed class MbTilesLayerSetup : IPostConfigureOptions<LayersOptions>, IValidateOptions<LayersOptions>
{
    public void PostConfigure(string? name, LayersOptions options)
    {
        foreach (var (_, layer) in options.Layers)
        {
            if (layer.Provider.Kind != LayerProviderOptions.MbTilesKind || string.IsNullOrWhiteSpace(layer.Provider.File) ||
                !File.Exists(options.ResolveFile(layer.Provider.File)) || !MbTilesFile.TryReadInfo(options.ResolveFile(layer.Provider.File), out var info, out _))
            {
                // The validators name what is missing or unreadable.
                continue;
            }

            layer.Provider.Format ??= info.Format;
            layer.MinZoom = Math.Max(layer.MinZoom, info.MinZoom ?? layer.MinZoom);
            layer.MaxZoom = Math.Min(layer.MaxZoom, info.MaxZoom ?? layer.MaxZoom);
            if (layer.Bounds.Count == 0 && info.Bounds is [var west, var south, var east, var north])
            {
                layer.Bounds.Add(new LayerBoundsOptions { West = west, South = south, East = east, North = north });
            }

            if (layer.Attribution == LayerOptions.DefaultAttribution && !string.IsNullOrWhiteSpace(info.Attribution))
            {
                layer.Attribution = info.Attribution;
            }
        }
    }

    public ValidateOptionsResult Validate(string? name, LayersOptions options)
    {
        var errors = new List<string>();
        foreach (var (layerName, layer) in options.Layers)
        {
            if (layer.Provider.Kind != LayerProviderOptions.MbTilesKind || string.IsNullOrWhiteSpace(layer.Provider.File))
            {
                continue;
            }

            string path = options.ResolveFile(layer.Provider.File);
            if (!File.Exists(path))
            {
                // LayersOptionsValidator says so.
                continue;
            }

            if (!MbTilesFile.TryReadInfo(path, out var info, out string? error))
            {
                errors.Add($"Layers:{layerName}:Provider:File: '{path}' is not a usable MBTiles file: {error}");
            }
            else if (layer.Provider.Format != info.Format)
            {
                errors.Add($"Layers:{layerName}:Provider:Format: '{layer.Provider.Format}' disagrees with the file's metadata format '{info.Format}'; leave Format out for an mbtiles layer");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
