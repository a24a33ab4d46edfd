using System.Globalization;
using System.Text.Json;

namespace TileCluster.Cli.Jobs;

/// <summary>The spec inside a status document: the fields of the <c>POST /jobs</c> body.</summary>
internal sealed class JobSpecDocument
{
    /// <summary>The style name.</summary>
    public string? Style { get; set; }

    /// <summary>W,S,E,N: an array of four numbers or the string the job was submitted with.</summary>
    public JsonElement Bbox { get; set; }

    /// <summary><c>Z</c> or <c>Z1-Z2</c>.</summary>
    public JsonElement Zoom { get; set; }

    /// <summary>seed or export.</summary>
    public string? Kind { get; set; }

    /// <summary>An export's outputs.</summary>
    public List<string>? Outputs { get; set; }

    /// <summary>The box as <c>W,S,E,N</c>, however the document spells it.</summary>
    public string BboxText => Bbox.ValueKind switch
    {
        JsonValueKind.Array => string.Join(',', Bbox.EnumerateArray().Select(Text)),
        JsonValueKind.Undefined or JsonValueKind.Null => string.Empty,
        _ => Text(Bbox),
    };

    /// <summary>The zoom range as given.</summary>
    public string ZoomText => Zoom.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? string.Empty : Text(Zoom);

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Number => value.TryGetDouble(out double number) ? number.ToString("R", CultureInfo.InvariantCulture) : value.GetRawText(),
        _ => value.GetRawText(),
    };
}
