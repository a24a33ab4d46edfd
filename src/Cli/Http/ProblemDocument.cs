using System.Text.Json.Serialization;

namespace TileCluster.Cli.Http;

/// <summary>An RFC 7807 problem, as the gateway answers every refused request.</summary>
internal sealed class ProblemDocument
{
    /// <summary>Short summary, e.g. "Invalid request".</summary>
    [JsonPropertyName("title")] public string? Title { get; set; }

    /// <summary>What went wrong, naming the field or limit.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; set; }
}
