using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>Checks the <c>Layers</c> section; every message names the layer, the key and the problem.</summary>
public sealed class LayersOptionsValidator : IValidateOptions<LayersOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LayersOptions options)
    {
        var errors = new List<string>();
        if (options.Layers.Count == 0)
        {
            errors.Add("Layers: at least one layer must be configured (the former Styles section is now Layers, each layer with a Provider)");
        }

        foreach (var (layerName, layer) in options.Layers)
        {
            string at = $"Layers:{layerName}";
            if (!LayerName.IsValid(layerName))
            {
                errors.Add($"{at}: the layer name must be 1-{LayerName.MaxLength} characters of a-z, 0-9, '-' or '_'");
            }
            else if (LayerName.Reserved.Contains(layerName))
            {
                errors.Add($"{at}: '{layerName}' is a path the gateway uses itself ({string.Join(", ", LayerName.Reserved)}); pick another name");
            }

            ValidateProvider(at, layer.Provider, options, errors);
            ValidateZooms(at, layer, errors);
            for (int i = 0; i < layer.Bounds.Count; i++)
            {
                ValidateBounds(string.Create(CultureInfo.InvariantCulture, $"{at}:Bounds:{i}"), layer.Bounds[i], layer, errors);
            }

            ValidatePreview(at, layer, errors);
            ValidateHttp(at, layer, errors);
            ValidateRendering(at, layer, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateProvider(string at, LayerProviderOptions provider, LayersOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(provider.Kind))
        {
            errors.Add($"{at}:Provider:Kind is required: one of {string.Join(", ", LayerProviderOptions.Kinds)}");
            return;
        }

        if (!LayerProviderOptions.Kinds.Contains(provider.Kind))
        {
            errors.Add($"{at}:Provider:Kind: '{provider.Kind}' is not a provider kind; known: {string.Join(", ", LayerProviderOptions.Kinds)}");
            return;
        }

        if (string.IsNullOrWhiteSpace(provider.File))
        {
            errors.Add($"{at}:Provider:File is required for a {provider.Kind} provider (the YAML style file)");
        }
        else if (!File.Exists(options.ResolveFile(provider.File)))
        {
            errors.Add($"{at}:Provider:File: '{options.ResolveFile(provider.File)}' does not exist");
        }

        if (provider.IsVector)
        {
            ValidateVector(at, provider, errors);
        }
    }

    private static void ValidateVector(string at, LayerProviderOptions provider, List<string> errors)
    {
        if (!LayerProviderOptions.VectorFormats.Contains(provider.Format))
        {
            errors.Add($"{at}:Provider:Format: '{provider.Format}' is not a vector format; known: {string.Join(", ", LayerProviderOptions.VectorFormats)}");
        }

        if (provider.Precision is < 0 or > 15)
        {
            errors.Add($"{at}:Provider:Precision: {provider.Precision} is outside 0..15 decimal digits");
        }

        if (!LayerProviderOptions.ClippedValues.Contains(provider.Clipped))
        {
            errors.Add($"{at}:Provider:Clipped: '{provider.Clipped}' is not one of {string.Join(", ", LayerProviderOptions.ClippedValues)}");
        }

        foreach (string property in provider.Properties)
        {
            if (string.IsNullOrWhiteSpace(property))
            {
                errors.Add($"{at}:Provider:Properties: an entry is empty");
            }
            else if (provider.Format == "geojson" && property == "layer")
            {
                errors.Add($"{at}:Provider:Properties: 'layer' cannot be carried in GeoJSON, where the 'layer' property names each feature's style layer");
            }
        }
    }

    private static void ValidateZooms(string at, LayerOptions layer, List<string> errors)
    {
        if (layer.MinZoom is < 0 or > TileCoord.MaxSupportedZoom)
        {
            errors.Add($"{at}:MinZoom: {layer.MinZoom} is outside 0..{TileCoord.MaxSupportedZoom}");
        }

        if (layer.MaxZoom is < 0 or > TileCoord.MaxSupportedZoom)
        {
            errors.Add($"{at}:MaxZoom: {layer.MaxZoom} is outside 0..{TileCoord.MaxSupportedZoom}");
        }

        if (layer.MinZoom > layer.MaxZoom)
        {
            errors.Add($"{at}:MinZoom: {layer.MinZoom} is above MaxZoom {layer.MaxZoom}");
        }
    }

    private static void ValidateBounds(string at, LayerBoundsOptions box, LayerOptions layer, List<string> errors)
    {
        if (box.West is not { } west || box.South is not { } south || box.East is not { } east || box.North is not { } north)
        {
            errors.Add($"{at}: West, South, East and North are all required");
            return;
        }

        if (west is < -180 or > 180 || east is < -180 or > 180 || west >= east)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: West {west} and East {east} must be within -180..180 with West < East"));
        }

        double limit = Math.Round(WebMercator.MaxLatitude, 4);
        if (south < -limit || south > limit || north < -limit || north > limit || south >= north)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: South {south} and North {north} must be within -{limit}..{limit} with South < North"));
        }

        if (box.MinZoom is { } low && (low < layer.MinZoom || low > layer.MaxZoom))
        {
            errors.Add($"{at}:MinZoom: {low} is outside the layer's {layer.MinZoom}..{layer.MaxZoom}");
        }

        if (box.MaxZoom is { } high && (high < layer.MinZoom || high > layer.MaxZoom))
        {
            errors.Add($"{at}:MaxZoom: {high} is outside the layer's {layer.MinZoom}..{layer.MaxZoom}");
        }

        if (box.MinZoom > box.MaxZoom)
        {
            errors.Add($"{at}:MinZoom: {box.MinZoom} is above MaxZoom {box.MaxZoom}");
        }
    }

    private static void ValidatePreview(string at, LayerOptions layer, List<string> errors)
    {
        var preview = layer.Preview;
        if (preview.Lat is null != (preview.Lon is null) || preview.Lat is null != (preview.Zoom is null))
        {
            errors.Add($"{at}:Preview: Lat, Lon and Zoom go together (all three or none)");
        }

        if (preview.Lat is { } lat && Math.Abs(lat) > WebMercator.MaxLatitude)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:Preview:Lat: {lat} is outside ±{WebMercator.MaxLatitude:0.####}"));
        }

        if (preview.Lon is { } lon && lon is < -180 or > 180)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:Preview:Lon: {lon} is outside -180..180"));
        }

        if (preview.Zoom is { } zoom && (zoom < layer.MinZoom || zoom > layer.MaxZoom))
        {
            errors.Add($"{at}:Preview:Zoom: {zoom} is outside the layer's {layer.MinZoom}..{layer.MaxZoom}");
        }

        var extensions = layer.Provider.TileExtensions;
        if (preview.Ext is { } ext && !extensions.Contains(ext))
        {
            errors.Add($"{at}:Preview:Ext: '{ext}' is not a tile extension of this layer ({string.Join(", ", extensions)})");
        }
    }

    private static void ValidateHttp(string at, LayerOptions layer, List<string> errors)
    {
        if (layer.MaxCacheAge is { } age && age < TimeSpan.Zero)
        {
            errors.Add($"{at}:MaxCacheAge: must not be negative");
        }

        if (layer.CacheLifespan is { } lifespan && lifespan <= TimeSpan.Zero)
        {
            errors.Add($"{at}:CacheLifespan: must be positive (leave it unset to keep tiles until they are expired)");
        }

        if (layer.StaleLockTimeout <= TimeSpan.Zero || layer.StaleLockTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{at}:StaleLockTimeout: {layer.StaleLockTimeout} is outside (0, 01:00:00]");
        }

        foreach (string origin in layer.AllowedOrigins)
        {
            if (origin != "*" && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && !origin.EndsWith('/')))
            {
                errors.Add($"{at}:AllowedOrigins: '{origin}' is not '*' or an origin such as https://example.org");
            }
        }

        var extensions = layer.Provider.TileExtensions;
        foreach (var (from, to) in layer.Redirects)
        {
            if (!IsExtension(from) || !IsExtension(to))
            {
                errors.Add($"{at}:Redirects:{from}: '{from}' → '{to}' must map an extension to an extension (letters and digits, such as jpg → png)");
            }
            else if (!extensions.Contains(to, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{at}:Redirects:{from}: '{to}' is not a tile extension of this layer ({string.Join(", ", extensions)})");
            }
            else if (extensions.Contains(from, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{at}:Redirects:{from}: the layer serves '{from}' itself, so it cannot redirect it");
            }
        }
    }

    private static void ValidateRendering(string at, LayerOptions layer, List<string> errors)
    {
        if (layer.TileSize is not (256 or 512))
        {
            errors.Add($"{at}:TileSize: {layer.TileSize} is not 256 or 512");
        }
        else if (layer.Provider.IsVector && layer.TileSize != 256)
        {
            errors.Add($"{at}:TileSize: vector tiles have no pixel size; a vector layer keeps TileSize 256");
        }

        if (layer.Provider.IsVector && layer.Png.Palette256 is not null)
        {
            errors.Add($"{at}:Png: a vector layer has no PNG tiles");
        }

        if (layer.Metatile.Rows != LayerMetatileOptions.SupportedSide || layer.Metatile.Columns != LayerMetatileOptions.SupportedSide)
        {
            errors.Add($"{at}:Metatile: {layer.Metatile.Rows} rows × {layer.Metatile.Columns} columns is not supported; the grains and the .meta store render 8 × 8 metatiles only");
        }

        if (layer.Metatile.Buffer is { } buffer && buffer is < 0 or > 512)
        {
            errors.Add($"{at}:Metatile:Buffer: {buffer} is outside 0..512 pixels");
        }
    }

    private static bool IsExtension(string text) => text.Length is >= 1 and <= 8 && text.All(char.IsAsciiLetterOrDigit);
}
