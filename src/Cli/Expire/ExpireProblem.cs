using System.Text.Json.Serialization;

namespace TileCluster.Cli.Expire;

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
