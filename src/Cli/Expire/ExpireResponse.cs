using System.Text.Json.Serialization;

namespace TileCluster.Cli.Expire;

/// <summary>The gateway's 200 answer to <c>POST /admin/expire</c> (see the expire API contract).</summary>
public sealed class ExpireResponse
{
    /// <summary>Lines read, blank ones included.</summary>
    [JsonPropertyName("lines")] public long Lines { get; set; }

    /// <summary>Tiles named.</summary>
    [JsonPropertyName("tiles")] public long Tiles { get; set; }

    /// <summary>Metatiles after expansion.</summary>
    [JsonPropertyName("metatiles")] public long Metatiles { get; set; }

    /// <summary>Metatiles × styles × scales.</summary>
    [JsonPropertyName("keys")] public long Keys { get; set; }

    /// <summary>Stored metatiles marked dirty.</summary>
    [JsonPropertyName("dirtied")] public long Dirtied { get; set; }

    /// <summary>Keys with nothing stored (nothing to mark).</summary>
    [JsonPropertyName("notStored")] public long NotStored { get; set; }

    /// <summary>Hot-zoom metatiles queued for an immediate re-render.</summary>
    [JsonPropertyName("hotRefreshing")] public long HotRefreshing { get; set; }

    /// <summary>Silos that took part.</summary>
    [JsonPropertyName("silos")] public int Silos { get; set; }

    /// <summary>Batches sent to silos.</summary>
    [JsonPropertyName("batches")] public int Batches { get; set; }

    /// <summary>Milliseconds from receipt to every silo having marked its metatiles.</summary>
    [JsonPropertyName("deliveredMs")] public double? DeliveredMs { get; set; }

    /// <summary>With wait=hot: hot metatiles re-rendered.</summary>
    [JsonPropertyName("hotRendered")] public long? HotRendered { get; set; }

    /// <summary>With wait=hot: hot re-renders that failed.</summary>
    [JsonPropertyName("hotFailed")] public long? HotFailed { get; set; }

    /// <summary>With wait=hot: milliseconds from receipt to the last hot re-render; null when the wait timed out.</summary>
    [JsonPropertyName("hotRenderedMs")] public double? HotRenderedMs { get; set; }
}

/// <summary>An RFC 7807 problem, as the gateway sends for 4xx and 5xx answers.</summary>
public sealed class ExpireProblem
{
    /// <summary>Short summary.</summary>
    [JsonPropertyName("title")] public string? Title { get; set; }

    /// <summary>HTTP status.</summary>
    [JsonPropertyName("status")] public int? Status { get; set; }

    /// <summary>What went wrong.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; set; }

    /// <summary>For 400: the malformed lines (up to 100).</summary>
    [JsonPropertyName("errors")] public List<ExpireProblemLine>? Errors { get; set; }
}

/// <summary>One malformed line in a 400 answer.</summary>
public sealed class ExpireProblemLine
{
    /// <summary>1-based line number in the posted body.</summary>
    [JsonPropertyName("line")] public int Line { get; set; }

    /// <summary>Why it was rejected.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}
