using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using TileCluster.Gateway.Export;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Jobs;

/// <summary>
/// The strict parser of a <c>POST /jobs</c> body: one JSON object with the contract's fields and
/// nothing else, each checked for its type and range. Errors name the field. Whether the style
/// exists and its zoom range are the endpoint's checks (404 and 400).
/// </summary>
internal static class JobSpecParser
{
    /// <summary>Largest accepted body.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Longest accepted name.</summary>
    public const int MaxNameLength = 100;

    private static readonly string[] Fields = ["style", "bbox", "zoom", "kind", "outputs", "name"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    public static bool TryParse(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JobSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (body.Length > MaxBodyBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the job spec is larger than {MaxBodyBytes} bytes");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            error = $"the job spec is not valid JSON: {e.Message}";
            return false;
        }

        using (document)
        {
            return TryRead(document.RootElement, out spec, out error);
        }
    }

    private static bool TryRead(JsonElement root, [NotNullWhen(true)] out JobSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the job spec must be a JSON object with style, bbox, zoom and kind";
            return false;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (Array.IndexOf(Fields, property.Name) < 0)
            {
                error = $"unknown field '{Shorten(property.Name)}'; a job spec has style, bbox, zoom, kind, outputs and name";
                return false;
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                error = $"field '{property.Name}' is given twice";
                return false;
            }
        }

        JsonElement? Field(string field) => fields.TryGetValue(field, out var value) ? value : null;
        var (style, bbox, zoom, kind, outputs, name) = (Field("style"), Field("bbox"), Field("zoom"), Field("kind"), Field("outputs"), Field("name"));
        if (!TryStyle(style, out string? styleName, out error) ||
            !TryBbox(bbox, out double west, out double south, out double east, out double north, out error) ||
            !TryZoom(zoom, out int minZoom, out int maxZoom, out error) ||
            !TryKind(kind, out var jobKind, out error) ||
            !TryOutputs(outputs, jobKind, out var outputKinds, out error) ||
            !TryName(name, out string? label, out error))
        {
            return false;
        }

        spec = new JobSpec(styleName, west, south, east, north, minZoom, maxZoom, jobKind, outputKinds, label);
        return true;
    }

    private static bool TryStyle(JsonElement? value, [NotNullWhen(true)] out string? style, [NotNullWhen(false)] out string? error)
    {
        style = value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
        if (style is null || !LayerName.IsValid(style))
        {
            style = null;
            error = value is null ? "style is required: a configured style name such as \"osm\"" : "style must be a style name: 1-40 characters of a-z, 0-9, '-' or '_'";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryBbox(JsonElement? value, out double west, out double south, out double east, out double north, [NotNullWhen(false)] out string? error)
    {
        west = south = east = north = 0;
        switch (value)
        {
            case null:
                error = "bbox is required: [west, south, east, north] in WGS84 degrees";
                return false;
            case { ValueKind: JsonValueKind.String } text:
                return ExportQuery.TryParseBbox(text.GetString(), out west, out south, out east, out north, out error);
            case { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() == 4 && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number):
                if (!array[0].TryGetDouble(out west) || !array[1].TryGetDouble(out south) || !array[2].TryGetDouble(out east) || !array[3].TryGetDouble(out north))
                {
                    error = "bbox numbers must be finite";
                    return false;
                }

                error = ExportQuery.CheckBbox(west, south, east, north);
                return error is null;
            default:
                error = "bbox must be an array of four numbers [west, south, east, north] or the string \"west,south,east,north\"";
                return false;
        }
    }

    private static bool TryZoom(JsonElement? value, out int min, out int max, [NotNullWhen(false)] out string? error)
    {
        min = max = 0;
        string? text = value switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            error = value is null ? "zoom is required: \"Z\" or \"Z1-Z2\", e.g. \"12-17\"" : "zoom must be a string \"Z\" or \"Z1-Z2\", e.g. \"12-17\"";
            return false;
        }

        int dash = text.IndexOf('-', StringComparison.Ordinal);
        string first = dash < 0 ? text : text[..dash], second = dash < 0 ? text : text[(dash + 1)..];
        if (!TryZoomNumber(first, out min) || !TryZoomNumber(second, out max))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"zoom must be \"Z\" or \"Z1-Z2\" with whole zooms within 0..{TileCoord.MaxSupportedZoom}, e.g. \"12-17\"");
            return false;
        }

        if (min > max)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"zoom range {min}-{max} is inverted: the first zoom must not be above the second");
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryZoomNumber(string text, out int zoom) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out zoom) && text.Length <= 2 && zoom <= TileCoord.MaxSupportedZoom;

    private static bool TryKind(JsonElement? value, out JobKind kind, [NotNullWhen(false)] out string? error)
    {
        kind = default;
        switch (value is { ValueKind: JsonValueKind.String } s ? s.GetString() : null)
        {
            case "seed":
                kind = JobKind.Seed;
                break;
            case "export":
                kind = JobKind.Export;
                break;
            default:
                error = value is null ? "kind is required: \"seed\" or \"export\"" : "kind must be \"seed\" or \"export\"";
                return false;
        }

        error = null;
        return true;
    }

    private static bool TryOutputs(JsonElement? value, JobKind kind, [NotNullWhen(true)] out JobOutputKind[]? outputs, [NotNullWhen(false)] out string? error)
    {
        outputs = null;
        if (kind == JobKind.Seed)
        {
            if (value is not null)
            {
                error = "outputs are for export jobs; a seed job only fills the tile store";
                return false;
            }

            outputs = [];
            error = null;
            return true;
        }

        const string Allowed = "tms, xyz, mbtiles, zip, png, jpeg, geotiff, pdf";
        if (value is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            error = $"outputs is required for an export job: a non-empty array of {Allowed}";
            return false;
        }

        var list = new List<JobOutputKind>();
        foreach (var item in array.EnumerateArray())
        {
            string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (!JobOutputKinds.TryParse(name, out var output))
            {
                error = $"outputs: unknown output '{Shorten(name ?? item.GetRawText())}'; choose from {Allowed}";
                return false;
            }

            if (list.Contains(output))
            {
                error = $"outputs: '{name}' is listed twice";
                return false;
            }

            list.Add(output);
        }

        outputs = [.. list];
        error = null;
        return true;
    }

    private static bool TryName(JsonElement? value, out string? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        error = null;
        switch (value)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return true;
            case { ValueKind: JsonValueKind.String } text when text.GetString()!.Length <= MaxNameLength:
                name = text.GetString();
                return true;
            default:
                error = string.Create(CultureInfo.InvariantCulture, $"name must be a string of at most {MaxNameLength} characters");
                return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
