using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>Checks the <c>Layers</c> section; every message names the layer, the key and the problem.</summary>
public sealed class LayersOptionsValidator : IValidateOptions<LayersOptions>
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

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

            ValidateProvider(at, layerName, layer.Provider, options, errors);
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

    private static void ValidateProvider(string at, string layerName, LayerProviderOptions provider, LayersOptions options, List<string> errors)
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

        if (provider.Kind == LayerProviderOptions.UrlKind)
        {
            ValidateUrl(at, provider, errors);
            return;
        }

        if (provider.Kind == LayerProviderOptions.CompositeKind)
        {
            ValidateComposite(at, layerName, provider, options, errors);
            return;
        }

        if (provider.Kind == LayerProviderOptions.ProxyKind)
        {
            ValidateProxy(at, provider, errors);
            return;
        }

        if (string.IsNullOrWhiteSpace(provider.File))
        {
            errors.Add(provider.Kind == LayerProviderOptions.MbTilesKind
                ? $"{at}:Provider:File is required for an mbtiles provider (the MBTiles file)"
                : $"{at}:Provider:File is required for a {provider.Kind} provider (the YAML style file)");
        }
        else if (!File.Exists(options.ResolveFile(provider.File)))
        {
            errors.Add($"{at}:Provider:File: '{options.ResolveFile(provider.File)}' does not exist");
        }

        if (provider.IsVector)
        {
            ValidateVector(at, provider, errors);
        }
        else if (provider.IsUtfGrid)
        {
            ValidateUtfGrid(at, provider, errors);
        }
        else if (provider.Kind == LayerProviderOptions.StyleKind && !LayerProviderOptions.ImageFormats.Contains(provider.EffectiveFormat))
        {
            errors.Add($"{at}:Provider:Format: '{provider.Format}' is not an image format of a style layer; known: {string.Join(", ", LayerProviderOptions.ImageFormats)}");
        }
    }

    private static void ValidateUtfGrid(string at, LayerProviderOptions provider, List<string> errors)
    {
        if (provider.Format is not null)
        {
            errors.Add($"{at}:Provider:Format: a utfgrid layer makes UTFGrid JSON only; remove the key");
        }

        if (!LayerProviderOptions.Resolutions.Contains(provider.Resolution))
        {
            errors.Add($"{at}:Provider:Resolution: {provider.Resolution} is not one of {string.Join(", ", LayerProviderOptions.Resolutions)} (tile pixels per grid cell)");
        }

        foreach (string field in provider.Fields)
        {
            if (!IsColumnName(field))
            {
                errors.Add($"{at}:Provider:Fields: '{field}' is not a column name (letters, digits, '_' or ':')");
            }
        }

        if (provider.Layers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{at}:Provider:Layers: an entry is empty");
        }
    }

    private static void ValidateProxy(string at, LayerProviderOptions provider, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(provider.Url))
        {
            errors.Add($"{at}:Provider:Url is required for a proxy provider (the upstream's tile URL, with {{Z}}, {{X}} and {{Y}})");
        }
        else if (!ProxyUrlTemplate.TryValidate(provider.Url, out string? error))
        {
            errors.Add($"{at}:Provider:Url: {error}");
        }

        if (provider.Format is { } format && !LayerProviderOptions.PassThroughFormats.Contains(format))
        {
            errors.Add($"{at}:Provider:Format: '{format}' is not a pass-through format; known: {string.Join(", ", LayerProviderOptions.PassThroughFormats)}");
        }

        if (provider.Timeout <= TimeSpan.Zero || provider.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{at}:Provider:Timeout: {provider.Timeout} is outside 00:00:00 (exclusive)..00:05:00");
        }

        if (provider.Retries is < 0 or > 10)
        {
            errors.Add($"{at}:Provider:Retries: {provider.Retries} is outside 0..10");
        }

        if (!string.IsNullOrEmpty(provider.File))
        {
            errors.Add($"{at}:Provider:File: a proxy provider reads no file; its tiles come from Provider:Url");
        }
    }

    private static void ValidateUrl(string at, LayerProviderOptions provider, List<string> errors)
    {
        if (!LayerUrlTemplate.TryParse(provider.Template, out _, out string? error))
        {
            errors.Add($"{at}:Provider:Template{(string.IsNullOrWhiteSpace(provider.Template) ? " " : ": ")}{error}");
        }

        if (provider.Timeout <= TimeSpan.Zero || provider.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{at}:Provider:Timeout: {provider.Timeout} is outside 00:00:00 (exclusive)..00:05:00");
        }

        if (provider.Retries is < 0 or > 10)
        {
            errors.Add($"{at}:Provider:Retries: {provider.Retries} is outside 0..10");
        }
    }

    private static void ValidateComposite(string at, string layerName, LayerProviderOptions provider, LayersOptions options, List<string> errors)
    {
        if (provider.Stack.Count == 0)
        {
            errors.Add($"{at}:Provider:Stack: a composite layer needs at least one member (a Layer or a Color)");
            return;
        }

        for (int i = 0; i < provider.Stack.Count; i++)
        {
            var member = provider.Stack[i];
            string memberAt = string.Create(CultureInfo.InvariantCulture, $"{at}:Provider:Stack:{i}");
            bool hasLayer = !string.IsNullOrEmpty(member.Layer), hasColor = !string.IsNullOrEmpty(member.Color);
            if (hasLayer == hasColor)
            {
                errors.Add($"{memberAt}: give exactly one of Layer (a layer's tiles) or Color (a solid colour)");
            }

            if (hasLayer)
            {
                ValidateStackReference($"{memberAt}:Layer", member.Layer!, layerName, options, errors);
            }

            if (hasColor && !IsHexColor(member.Color!))
            {
                errors.Add($"{memberAt}:Color: '{member.Color}' is not #rgb, #rrggbb or #rrggbbaa");
            }

            if (!string.IsNullOrEmpty(member.Mask))
            {
                ValidateStackReference($"{memberAt}:Mask", member.Mask, layerName, options, errors);
            }

            if (!(member.Opacity is >= 0 and <= 1))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{memberAt}:Opacity: {member.Opacity} is outside 0..1"));
            }

            if (!LayerStackMemberOptions.BlendModes.Contains(member.BlendMode, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{memberAt}:BlendMode: '{member.BlendMode}' is not a Skia blend mode; known: {string.Join(", ", LayerStackMemberOptions.BlendModes)}");
            }
        }

        if (LayerStacks.CycleThrough(options, layerName) is { } cycle)
        {
            errors.Add($"{at}:Provider:Stack: the stack is circular: {cycle}");
        }
    }

    private static void ValidateStackReference(string at, string reference, string layerName, LayersOptions options, List<string> errors)
    {
        if (!options.Layers.TryGetValue(reference, out var member))
        {
            errors.Add($"{at}: '{reference}' is not a configured layer; known: {string.Join(", ", options.Layers.Keys.Where(k => k != layerName))}");
        }
        else if (!member.Provider.IsRaster)
        {
            errors.Add($"{at}: layer '{reference}' is a {member.Provider.Kind} layer; a stack takes style, url and composite layers, which render images");
        }
    }

    private static bool IsHexColor(string text) =>
        text.Length is 4 or 7 or 9 && text[0] == '#' && !text.AsSpan(1).ContainsAnyExcept(HexDigits);

    private static void ValidateVector(string at, LayerProviderOptions provider, List<string> errors)
    {
        if (provider.Format is { } format && !LayerProviderOptions.VectorFormats.Contains(format))
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
        else if (layer.Provider.IsUtfGrid && layer.TileSize != 256)
        {
            errors.Add($"{at}:TileSize: a utfgrid layer keeps TileSize 256; its grid size follows Provider:Resolution");
        }

        if (layer.Provider.IsVector && (layer.Png.Palette256 is not null || layer.Png.Compression is not null))
        {
            errors.Add($"{at}:Png: a vector layer has no PNG tiles");
        }

        ValidateEncoding(at, layer, errors);
        ValidateMetatileAndStore(at, layer, errors);

        if (layer.Metatile.Buffer is { } buffer && buffer is < 0 or > 512)
        {
            errors.Add($"{at}:Metatile:Buffer: {buffer} is outside 0..512 pixels");
        }
    }

    private static void ValidateEncoding(string at, LayerOptions layer, List<string> errors)
    {
        string format = layer.Provider.EffectiveFormat;
        if (layer.Provider.IsUtfGrid && (layer.Png.Palette256 is not null || layer.Png.Compression is not null))
        {
            errors.Add($"{at}:Png: a utfgrid layer has no PNG tiles");
        }
        else if (layer.Provider.Kind == LayerProviderOptions.StyleKind && format != "png" && layer.Png.Palette256 is not null)
        {
            errors.Add($"{at}:Png:Palette256: the layer's Provider:Format is {format}, not png");
        }

        if (layer.Png.Compression is { } level && level is < 0 or > 9)
        {
            errors.Add($"{at}:Png:Compression: {level} is outside zlib's levels 0..9");
        }

        if (layer.Jpeg.Quality is < 1 or > 100)
        {
            errors.Add($"{at}:Jpeg:Quality: {layer.Jpeg.Quality} is outside 1..100");
        }

        if (layer.Webp.Quality is < 1 or > 100)
        {
            errors.Add($"{at}:Webp:Quality: {layer.Webp.Quality} is outside 1..100");
        }
    }

    // osm2pgsql names hstore-less tag columns as the tags are written, such as addr:housenumber.
    private static bool IsColumnName(string text) => text.Length is >= 1 and <= 63 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static void ValidateMetatileAndStore(string at, LayerOptions layer, List<string> errors)
    {
        bool passThrough = layer.Provider.IsPassThrough;
        int side = passThrough ? LayerMetatileOptions.PassThroughSide : LayerMetatileOptions.SupportedSide;
        int rows = layer.Metatile.Rows ?? side, columns = layer.Metatile.Columns ?? side;
        if (rows != side || columns != side)
        {
            errors.Add(passThrough
                ? $"{at}:Metatile: {rows} rows × {columns} columns is not supported; {layer.Provider.Kind} layers pass tiles through one at a time (1 × 1)"
                : $"{at}:Metatile: {rows} rows × {columns} columns is not supported; the grains and the .meta store render 8 × 8 metatiles only");
        }

        if (passThrough && layer.Metatile.Buffer is not null)
        {
            errors.Add($"{at}:Metatile:Buffer: {layer.Provider.Kind} layers render nothing, so they have no buffer");
        }

        if (passThrough && layer.TileSize != 256)
        {
            errors.Add($"{at}:TileSize: {layer.Provider.Kind} layers serve their source's tiles as they are; keep TileSize 256");
        }

        if (passThrough && layer.Png.Palette256 is not null)
        {
            errors.Add($"{at}:Png: {layer.Provider.Kind} layers serve their source's tiles as they are and encode no PNG");
        }

        string layout = layer.StoreLayout;
        if (!LayerStoreOptions.Layouts.Contains(layout))
        {
            errors.Add($"{at}:Store:Layout: '{layout}' is not a store layout; known: {string.Join(", ", LayerStoreOptions.Layouts)}");
        }
        else if (!passThrough && layout != LayerStoreOptions.MetaLayout)
        {
            errors.Add($"{at}:Store:Layout: '{layout}' is for pass-through layers; a {layer.Provider.Kind} layer is stored as 8 × 8 metatiles in the 'meta' layout");
        }
        else if (passThrough && layout == LayerStoreOptions.MetaLayout)
        {
            errors.Add($"{at}:Store:Layout: 'meta' holds 8 × 8 metatiles; {layer.Provider.Kind} layers use 'tiles' or 'none'");
        }
        else if (layer.Provider.Kind == LayerProviderOptions.MbTilesKind && layout != LayerStoreOptions.NoneLayout)
        {
            errors.Add($"{at}:Store:Layout: an mbtiles layer reads its tiles from its file, which is a store already; use 'none'");
        }
    }

    private static bool IsExtension(string text) => text.Length is >= 1 and <= 8 && text.All(char.IsAsciiLetterOrDigit);
}
