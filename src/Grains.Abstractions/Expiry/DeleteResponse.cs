using System.Text.Json.Serialization;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>The gateway's 200 answer to <c>POST /admin/delete</c> (docs/operations.md): written by the gateway, read by the CLI.</summary>
public sealed class DeleteResponse
{
    /// <summary>Lines read, blank ones included.</summary>
    [JsonPropertyName("lines")] public long Lines { get; set; }

    /// <summary>Tiles named.</summary>
    [JsonPropertyName("tiles")] public long Tiles { get; set; }

    /// <summary>Metatiles after expansion.</summary>
    [JsonPropertyName("metatiles")] public long Metatiles { get; set; }

    /// <summary>Metatiles × styles × scales.</summary>
    [JsonPropertyName("keys")] public long Keys { get; set; }

    /// <summary>Stored metatiles removed from the silos' stores.</summary>
    [JsonPropertyName("deleted")] public long Deleted { get; set; }

    /// <summary>Keys with nothing stored.</summary>
    [JsonPropertyName("notStored")] public long NotStored { get; set; }

    /// <summary>Silos that took part.</summary>
    [JsonPropertyName("silos")] public int Silos { get; set; }
}
