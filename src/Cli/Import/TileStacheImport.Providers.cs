using System.Globalization;
using System.Text.Json.Nodes;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Cli.Import;

/// <summary>TileStache providers → <c>Layers:{name}:Provider</c>.</summary>
internal sealed partial class TileStacheImport
{
    /// <summary>TileStache's name of each provider whose TileCluster counterpart takes settings this import cannot derive, with that counterpart's kind.</summary>
    private static readonly Dictionary<string, string> HandMadeKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mapnik grid"] = LayerProviderOptions.UtfGridKind,
        ["TileStache.Sandwich:Provider"] = LayerProviderOptions.CompositeKind,
    };

    private JsonObject? ConvertProvider(string at, JsonObject provider)
    {
        string? name = provider["name"] is JsonValue n && n.TryGetValue(out string? text) ? text : null;
        string? @class = provider["class"] is JsonValue c && c.TryGetValue(out string? classText) ? classText : null;
        switch (name?.ToLowerInvariant(), @class)
        {
            case ("vector", _):
                return ConvertVector(at, provider);
            case (null, "TileStache.Goodies.VecTiles:Provider"):
                return ConvertVecTiles(at, provider);
            case ("proxy", _):
                return ConvertFetching(at, provider, LayerProviderOptions.ProxyKind, "url", "Url");
            case ("url template", _):
                return ConvertFetching(at, provider, LayerProviderOptions.UrlKind, "template", "Template");
            case ("mbtiles", _):
                return ConvertMbTiles(at, provider);
            case ("mapnik", _):
                Refuse(at, $"a Mapnik XML style ({Describe(provider, "mapfile")}) cannot be converted: TileCluster renders YAML styles (docs/styles.md); write one and use Provider Kind 'style'");
                return null;
        }

        if ((name ?? @class) is { } known && HandMadeKinds.TryGetValue(known, out string? kind))
        {
            Refuse(at, $"the '{known}' provider maps to TileCluster's '{kind}' provider, whose settings (a YAML style's layers and fields, or a stack of TileCluster layers with blend modes) differ too much to convert; configure it by hand (docs/configuration.md)");
            return null;
        }

        Refuse(at, @class is not null
            ? $"a Python class provider ('{@class}') cannot be converted: TileCluster runs no Python"
            : name is not null ? $"'{name}' is not a TileStache provider TileCluster knows" : "the provider has neither a 'name' nor a 'class'");
        return null;
    }

    /// <summary>
    /// TileStache's proxy (<c>url</c>) and url template (<c>template</c>) providers: the address
    /// carries over as it is (both use the same variables as ours), and <c>timeout</c> in seconds.
    /// </summary>
    private JsonObject ConvertFetching(string at, JsonObject provider, string kind, string addressKey, string ourKey)
    {
        var ours = new JsonObject { ["Kind"] = kind };
        foreach (var (key, value) in provider)
        {
            string keyAt = Pointer(at, key);
            if (key == "name")
            {
                continue;
            }

            if (key == addressKey)
            {
                if (Text(keyAt, value) is { } address)
                {
                    ours[ourKey] = address;
                    if (kind == LayerProviderOptions.ProxyKind && ProxyFormat(address) is { } format)
                    {
                        ours["Format"] = format;
                    }
                }
            }
            else if (key == "timeout")
            {
                if (Number(keyAt, value, 0.001, 300) is { } seconds)
                {
                    ours["Timeout"] = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
                }
            }
            else
            {
                Refuse(keyAt, key is "provider"
                    ? "a named ModestMaps provider cannot be converted; give the tile server's URL with {Z}/{X}/{Y} as 'url'"
                    : $"TileCluster's {kind} provider has no such setting");
            }
        }

        return ours;
    }

    /// <summary>The format of a proxied tile server's tiles, from its URL's extension (TileStache guesses the same way); null for PNG or none.</summary>
    private static string? ProxyFormat(string url) => Path.GetExtension(url.Split('?')[0]).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => LayerProviderOptions.JpegFormat,
        ".webp" => "webp",
        ".mvt" or ".pbf" => "mvt",
        ".geojson" or ".json" => "geojson",
        _ => null,
    };

    /// <summary>TileStache's MBTiles provider: the <c>tileset</c> file; the format comes from its metadata.</summary>
    private JsonObject ConvertMbTiles(string at, JsonObject provider)
    {
        var ours = new JsonObject { ["Kind"] = LayerProviderOptions.MbTilesKind };
        foreach (var (key, value) in provider)
        {
            string keyAt = Pointer(at, key);
            if (key == "tileset")
            {
                if (Text(keyAt, value) is { } file)
                {
                    ours["File"] = _paths.Rewrite(file);
                }
            }
            else if (key != "name")
            {
                Refuse(keyAt, "TileCluster's mbtiles provider has no such setting");
            }
        }

        return ours;
    }

    /// <summary>TileStache's Vector provider: GeoJSON from an OGR data source. Our vector kind reads a YAML style's layer queries instead.</summary>
    private JsonObject? ConvertVector(string at, JsonObject provider)
    {
        if (_vectorStyle is null)
        {
            Refuse(at, $"a vector provider's data ({Describe(provider, "driver")}) cannot be converted to a TileCluster style; pass --vector-style FILE to name the YAML style whose layer queries serve it");
            return null;
        }

        var ours = new JsonObject { ["Kind"] = LayerProviderOptions.VectorKind, ["File"] = _vectorStyle, ["Format"] = "geojson" };
        foreach (var (key, value) in provider)
        {
            string keyAt = Pointer(at, key);
            switch (key)
            {
                case "name":
                    break;
                case "driver" or "parameters":
                    Refuse(keyAt, "the data source is replaced by the layer queries of --vector-style");
                    break;
                case "properties":
                    ConvertProperties(keyAt, value, ours);
                    break;
                case "clipped":
                    ConvertClipped(keyAt, value, ours);
                    break;
                case "precision":
                    if (Integer(keyAt, value, 0, 15) is { } precision)
                    {
                        ours["Precision"] = precision;
                    }

                    break;
                default:
                    Refuse(keyAt, "TileCluster's vector provider has no such setting");
                    break;
            }
        }

        return ours;
    }

    /// <summary>TileStache's VecTiles goodie: Mapbox Vector Tiles from PostGIS queries.</summary>
    private JsonObject? ConvertVecTiles(string at, JsonObject provider)
    {
        if (_vectorStyle is null)
        {
            Refuse(at, "a VecTiles provider's PostGIS queries cannot be converted to a TileCluster style; pass --vector-style FILE to name the YAML style whose layer queries serve it");
            return null;
        }

        var ours = new JsonObject { ["Kind"] = LayerProviderOptions.VectorKind, ["File"] = _vectorStyle, ["Format"] = "mvt" };
        foreach (var (key, value) in provider)
        {
            string keyAt = Pointer(at, key);
            if (key == "class")
            {
                continue;
            }

            if (key != "kwargs" || value is not JsonObject kwargs)
            {
                Refuse(keyAt, "not a setting of a class provider");
                continue;
            }

            foreach (var (argument, _) in kwargs)
            {
                Refuse(Pointer(keyAt, argument), argument is "dbinfo" or "queries"
                    ? "the data source is replaced by the layer queries of --vector-style"
                    : "TileCluster's vector provider clips, simplifies and buffers by its own rules (docs/configuration.md)");
            }
        }

        return ours;
    }

    private void ConvertProperties(string at, JsonNode? value, JsonObject provider)
    {
        var names = new JsonArray();
        switch (value)
        {
            case JsonArray list:
                foreach (var item in list)
                {
                    if (item is JsonValue v && v.TryGetValue(out string? property) && property.Length > 0)
                    {
                        names.Add(property);
                    }
                    else
                    {
                        Refuse(at, "every entry must be a property name");
                        return;
                    }
                }

                break;
            case JsonObject renames:
                foreach (var (from, to) in renames)
                {
                    if (to is JsonValue v && v.TryGetValue(out string? target) && target == from)
                    {
                        names.Add(from);
                    }
                    else
                    {
                        Refuse(Pointer(at, from), "TileCluster carries a column under its own name; renaming it is not supported, so every column the style reads is kept");
                        return;
                    }
                }

                break;
            default:
                Refuse(at, "expected a list of property names");
                return;
        }

        provider["Properties"] = names;
    }

    private void ConvertClipped(string at, JsonNode? value, JsonObject provider)
    {
        string? clipped = value switch
        {
            JsonValue v when v.TryGetValue(out bool flag) => flag ? "true" : "false",
            JsonValue v when v.TryGetValue(out string? text) && LayerProviderOptions.ClippedValues.Contains(text) => text,
            _ => null,
        };
        if (clipped is null)
        {
            Refuse(at, $"expected one of {string.Join(", ", LayerProviderOptions.ClippedValues)}");
            return;
        }

        provider["Clipped"] = clipped;
    }

    private static string Describe(JsonObject provider, string key) =>
        provider[key] is JsonValue v && v.TryGetValue(out string? text) ? $"{key} '{text}'" : $"no '{key}'";
}
