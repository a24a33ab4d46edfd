using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Cli.Import;

/// <summary>
/// Converts a TileStache JSON configuration to ours, setting by setting. A setting with no
/// counterpart here is never guessed at: it is left out and named, with its JSON Pointer, in
/// <see cref="ImportResult.Refusals"/>. A layer whose provider cannot be carried over is left out whole.
/// </summary>
internal sealed partial class TileStacheImport
{
    private static readonly Dictionary<string, string> LogLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["debug"] = "Debug",
        ["info"] = "Information",
        ["warning"] = "Warning",
        ["error"] = "Error",
        ["critical"] = "Critical",
    };

    private readonly ImportPaths _paths;
    private readonly string? _vectorStyle;
    private readonly List<ImportRefusal> _refusals = [];

    /// <summary>Creates a converter.</summary>
    /// <param name="paths">How file paths are rewritten.</param>
    /// <param name="vectorStyle">
    /// The YAML style (already relative to the converted configuration) whose layer queries stand in
    /// for the data sources of TileStache's vector providers; null refuses those providers.
    /// </param>
    public TileStacheImport(ImportPaths paths, string? vectorStyle)
    {
        _paths = paths;
        _vectorStyle = vectorStyle;
    }

    /// <summary>Converts <paramref name="tilestache"/>, the text of a TileStache configuration file.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public ImportResult Convert(string tilestache)
    {
        var root = JsonNode.Parse(tilestache, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new JsonException("a TileStache configuration is a JSON object with 'cache' and 'layers'");
        _refusals.Clear();
        var output = new JsonObject();
        foreach (var (key, value) in root)
        {
            string at = Pointer(string.Empty, key);
            switch (key)
            {
                case "layers":
                    ConvertLayers(at, value, output);
                    break;
                case "cache":
                    ConvertCache(at, value, output);
                    break;
                case "index":
                    ConvertIndex(at, value, output);
                    break;
                case "logging":
                    ConvertLogging(at, value, output);
                    break;
                default:
                    Refuse(at, "TileStache has no such top-level setting, and neither does TileCluster");
                    break;
            }
        }

        return new ImportResult(output, [.. _refusals]);
    }

    private void ConvertLayers(string at, JsonNode? value, JsonObject output)
    {
        if (value is not JsonObject layers)
        {
            Refuse(at, "expected an object of layers by name");
            return;
        }

        var converted = new JsonObject();
        foreach (var (name, node) in layers)
        {
            string layerAt = Pointer(at, name);
            if (!LayerName.IsValid(name))
            {
                Refuse(layerAt, $"'{name}' is not a TileCluster layer name (1-{LayerName.MaxLength} characters of a-z, 0-9, '-', '_'); rename the layer");
                continue;
            }

            if (node is not JsonObject layer)
            {
                Refuse(layerAt, "expected a layer object");
                continue;
            }

            if (ConvertLayer(layerAt, layer) is { } ours)
            {
                converted[name] = ours;
            }
        }

        output["Layers"] = converted;
    }

    private JsonObject? ConvertLayer(string at, JsonObject layer)
    {
        string providerAt = Pointer(at, "provider");
        if (layer["provider"] is not JsonObject provider)
        {
            Refuse(at, "the layer has no 'provider' object, so the layer is left out");
            return null;
        }

        if (ConvertProvider(providerAt, provider) is not { } ours)
        {
            Refuse(at, "the layer is left out, since its provider is not carried over");
            return null;
        }

        var kind = new LayerProviderOptions { Kind = (string)ours["Kind"]!, Format = (string?)ours["Format"] ?? "mvt" };
        var result = new JsonObject { ["Provider"] = ours };
        foreach (var (key, value) in layer)
        {
            string keyAt = Pointer(at, key);
            switch (key)
            {
                case "provider":
                    break;
                case "metatile":
                    ConvertMetatile(keyAt, value, result);
                    break;
                case "preview":
                    ConvertPreview(keyAt, value, kind, result);
                    break;
                case "bounds":
                    ConvertBounds(keyAt, value, result);
                    break;
                case "allowed origin":
                    if (Text(keyAt, value) is { } origin)
                    {
                        result["AllowedOrigins"] = new JsonArray(origin);
                    }

                    break;
                case "maximum cache age":
                    if (Integer(keyAt, value, 0, int.MaxValue) is { } seconds)
                    {
                        result["MaxCacheAge"] = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
                    }

                    break;
                case "write cache":
                    if (Boolean(keyAt, value) is { } write)
                    {
                        result["WriteCache"] = write;
                    }

                    break;
                case "tile height":
                    if (Integer(keyAt, value, 1, 4096) is { } height)
                    {
                        if (height is 256 or 512 && !(kind.IsVector && height != 256))
                        {
                            result["TileSize"] = height;
                        }
                        else
                        {
                            Refuse(keyAt, kind.IsVector ? $"{height}: a vector layer has no pixel size" : $"{height}: TileCluster tiles are 256 or 512 pixels");
                        }
                    }

                    break;
                case "png options":
                    ConvertPng(keyAt, value, kind, result);
                    break;
                case "redirects":
                    ConvertRedirects(keyAt, value, kind, result);
                    break;
                case "projection":
                    if (Text(keyAt, value) is { } projection && !projection.Equals("spherical mercator", StringComparison.OrdinalIgnoreCase))
                    {
                        Refuse(keyAt, $"'{projection}': TileCluster serves spherical mercator (EPSG:3857) tiles only");
                    }

                    break;
                case "jpeg options":
                    Refuse(keyAt, $"JPEG settings belong to TileCluster style layers that render JPEG (Provider:Format jpeg, Jpeg:Quality); a {kind.Kind} layer serves {string.Join(", ", kind.TileExtensions)} as it gets them");
                    break;
                case "cache lifespan":
                    if (Integer(keyAt, value, 1, int.MaxValue) is { } lifespan)
                    {
                        result["CacheLifespan"] = TimeSpan.FromSeconds(lifespan).ToString("c", CultureInfo.InvariantCulture);
                    }

                    break;
                case "stale lock timeout":
                    if (Integer(keyAt, value, 1, 3600) is { } timeout)
                    {
                        result["StaleLockTimeout"] = TimeSpan.FromSeconds(timeout).ToString("c", CultureInfo.InvariantCulture);
                    }

                    break;
                case "pixel effect":
                    Refuse(keyAt, "TileCluster has no pixel effects");
                    break;
                default:
                    Refuse(keyAt, "not a layer setting TileCluster knows");
                    break;
            }
        }

        return result;
    }

    private void ConvertMetatile(string at, JsonNode? value, JsonObject layer)
    {
        if (value is not JsonObject metatile)
        {
            Refuse(at, "expected an object with rows, columns and buffer");
            return;
        }

        var ours = new JsonObject();
        foreach (var (key, node) in metatile)
        {
            string keyAt = Pointer(at, key);
            switch (key)
            {
                case "rows" or "columns":
                    if (Integer(keyAt, node, 1, 64) is { } side && side != LayerMetatileOptions.SupportedSide)
                    {
                        Refuse(keyAt, $"{side}: TileCluster renders {LayerMetatileOptions.SupportedSide}×{LayerMetatileOptions.SupportedSide} metatiles only, so the layer uses {LayerMetatileOptions.SupportedSide}");
                    }

                    break;
                case "buffer":
                    if (Integer(keyAt, node, 0, 512) is { } buffer)
                    {
                        ours["Buffer"] = buffer;
                    }

                    break;
                default:
                    Refuse(keyAt, "not a metatile setting");
                    break;
            }
        }

        if (ours.Count > 0)
        {
            layer["Metatile"] = ours;
        }
    }

    private void ConvertPreview(string at, JsonNode? value, LayerProviderOptions kind, JsonObject layer)
    {
        if (value is not JsonObject preview)
        {
            Refuse(at, "expected an object with lat, lon, zoom and ext");
            return;
        }

        var ours = new JsonObject();
        foreach (var (key, node) in preview)
        {
            string keyAt = Pointer(at, key);
            switch (key)
            {
                case "lat":
                    if (Number(keyAt, node, -WebMercator.MaxLatitude, WebMercator.MaxLatitude) is { } lat)
                    {
                        ours["Lat"] = lat;
                    }

                    break;
                case "lon":
                    if (Number(keyAt, node, -180, 180) is { } lon)
                    {
                        ours["Lon"] = lon;
                    }

                    break;
                case "zoom":
                    if (Integer(keyAt, node, 0, TileCoord.MaxSupportedZoom) is { } zoom)
                    {
                        ours["Zoom"] = zoom;
                    }

                    break;
                case "ext":
                    if (Text(keyAt, node) is { } ext)
                    {
                        if (kind.TileExtensions.Contains(ext))
                        {
                            ours["Ext"] = ext;
                        }
                        else
                        {
                            Refuse(keyAt, $"'{ext}' is not an extension of a {kind.Kind} layer ({string.Join(", ", kind.TileExtensions)})");
                        }
                    }

                    break;
                default:
                    Refuse(keyAt, "not a preview setting");
                    break;
            }
        }

        // TileStache fills a missing centre key with its own default (San Francisco); ours takes all three or none.
        string[] centre = ["Lat", "Lon", "Zoom"];
        int present = centre.Count(ours.ContainsKey);
        if (present is > 0 and < 3)
        {
            Refuse(at, $"{string.Join(" and ", centre.Where(k => !ours.ContainsKey(k)).Select(k => k.ToLowerInvariant()))} missing: TileCluster takes lat, lon and zoom together, so the centre is left to the layer's bounds");
            foreach (string key in centre)
            {
                ours.Remove(key);
            }
        }

        if (ours.Count > 0)
        {
            layer["Preview"] = ours;
        }
    }

    private void ConvertBounds(string at, JsonNode? value, JsonObject layer)
    {
        var boxes = value switch
        {
            JsonObject one => [(at, one)],
            JsonArray many => many.Select((node, i) => (Pointer(at, i.ToString(CultureInfo.InvariantCulture)), node as JsonObject)).ToList(),
            _ => null,
        };
        if (boxes is null)
        {
            Refuse(at, "expected a box object or a list of them");
            return;
        }

        var ours = new JsonArray();
        foreach (var (boxAt, box) in boxes)
        {
            if (box is null)
            {
                Refuse(boxAt, "expected a box object");
                continue;
            }

            if (ConvertBox(boxAt, box) is { } converted)
            {
                ours.Add(converted);
            }
        }

        if (ours.Count > 0)
        {
            layer["Bounds"] = ours;
        }
    }

    private JsonObject? ConvertBox(string at, JsonObject box)
    {
        // TileStache's defaults for a missing edge are the world; its ±89° is past the map's edge, so ours stops there.
        double limit = Math.Round(WebMercator.MaxLatitude, 4);
        var ours = new JsonObject();
        bool ok = true;
        foreach (var (key, node) in box)
        {
            string keyAt = Pointer(at, key);
            (string Name, double Min, double Max)? edge = key switch
            {
                "west" => ("West", -180, 180),
                "east" => ("East", -180, 180),
                "south" => ("South", -90, 90),
                "north" => ("North", -90, 90),
                _ => null,
            };
            if (edge is { } e)
            {
                if (Number(keyAt, node, e.Min, e.Max) is { } degrees)
                {
                    ours[e.Name] = e.Name is "South" or "North" ? Math.Clamp(degrees, -limit, limit) : degrees;
                }
                else
                {
                    ok = false;
                }
            }
            else if (key is "low" or "high")
            {
                if (Integer(keyAt, node, 0, TileCoord.MaxSupportedZoom) is { } zoom)
                {
                    ours[key == "low" ? "MinZoom" : "MaxZoom"] = zoom;
                }
                else
                {
                    ok = false;
                }
            }
            else
            {
                Refuse(keyAt, "not a bounds setting");
            }
        }

        if (!ok)
        {
            Refuse(at, "the box is left out, since one of its edges or zooms is not carried over");
            return null;
        }

        ours["West"] ??= -180.0;
        ours["South"] ??= -limit;
        ours["East"] ??= 180.0;
        ours["North"] ??= limit;
        return ours;
    }

    private void ConvertPng(string at, JsonNode? value, LayerProviderOptions kind, JsonObject layer)
    {
        if (value is not JsonObject png)
        {
            Refuse(at, "expected an object");
            return;
        }

        foreach (var (key, node) in png)
        {
            string keyAt = Pointer(at, key);
            if (key == "palette256")
            {
                if (kind.IsVector)
                {
                    Refuse(keyAt, "a vector layer has no PNG tiles");
                }
                else if (Boolean(keyAt, node) is { } palette256)
                {
                    layer["Png"] = new JsonObject { ["Palette256"] = palette256 };
                }
            }
            else
            {
                Refuse(keyAt, key switch
                {
                    "palette" => "TileCluster picks each metatile's palette itself (libimagequant); a fixed palette file is not supported",
                    "optimize" => "TileCluster's PNG compression is not configurable",
                    _ => "not a PNG setting",
                });
            }
        }
    }

    private void ConvertRedirects(string at, JsonNode? value, LayerProviderOptions kind, JsonObject layer)
    {
        if (value is not JsonObject redirects)
        {
            Refuse(at, "expected an object of extension → extension");
            return;
        }

        var ours = new JsonObject();
        foreach (var (from, node) in redirects)
        {
            string keyAt = Pointer(at, from);
            if (Text(keyAt, node) is not { } to)
            {
                continue;
            }

            if (!kind.TileExtensions.Contains(to, StringComparer.OrdinalIgnoreCase))
            {
                Refuse(keyAt, $"'{to}' is not an extension this {kind.Kind} layer serves ({string.Join(", ", kind.TileExtensions)})");
            }
            else if (kind.TileExtensions.Contains(from, StringComparer.OrdinalIgnoreCase))
            {
                Refuse(keyAt, $"the layer serves '{from}' itself");
            }
            else
            {
                ours[from] = to;
            }
        }

        if (ours.Count > 0)
        {
            layer["Redirects"] = ours;
        }
    }

    private void ConvertIndex(string at, JsonNode? value, JsonObject output)
    {
        if (Text(at, value) is not { } index)
        {
            return;
        }

        if (Uri.TryCreate(index, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            Refuse(at, $"'{index}': TileStache fetches a URL and serves its content at /; TileCluster serves a local file (Index:File) or redirects (Index:Redirect), so download the page and name the file");
            return;
        }

        output["Index"] = new JsonObject { ["File"] = _paths.Rewrite(index) };
    }

    private void ConvertLogging(string at, JsonNode? value, JsonObject output)
    {
        if (Text(at, value) is not { } level)
        {
            return;
        }

        if (!LogLevels.TryGetValue(level, out string? ours))
        {
            Refuse(at, $"'{level}' is not one of {string.Join(", ", LogLevels.Keys)}");
            return;
        }

        output["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = ours } };
    }

    private void Refuse(string at, string reason) => _refusals.Add(new ImportRefusal(at, reason));

    private string? Text(string at, JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue(out string? text))
        {
            return text;
        }

        Refuse(at, "expected a string");
        return null;
    }

    private bool? Boolean(string at, JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue(out bool flag))
        {
            return flag;
        }

        Refuse(at, "expected true or false");
        return null;
    }

    private double? Number(string at, JsonNode? node, double min, double max)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            double number = value.GetValue<double>();
            if (number >= min && number <= max)
            {
                return number;
            }

            Refuse(at, string.Create(CultureInfo.InvariantCulture, $"{number} is outside {min:0.####}..{max:0.####}"));
            return null;
        }

        Refuse(at, "expected a number");
        return null;
    }

    private int? Integer(string at, JsonNode? node, int min, int max)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number))
        {
            if (number >= min && number <= max)
            {
                return number;
            }

            Refuse(at, string.Create(CultureInfo.InvariantCulture, $"{number} is outside {min}..{max}"));
            return null;
        }

        Refuse(at, "expected a whole number");
        return null;
    }

    /// <summary>Appends <paramref name="key"/> to a JSON Pointer (RFC 6901).</summary>
    private static string Pointer(string at, string key) => $"{at}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
}
