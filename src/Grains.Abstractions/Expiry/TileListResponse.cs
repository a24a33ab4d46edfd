using System.Text.Json.Serialization;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>
/// What the gateway's 200 answers to <c>POST /admin/expire</c> and <c>POST /admin/delete</c> share:
/// the list read and the metatile keys it reached.
/// </summary>
public abstract class TileListResponse
{
    /// <summary>Lines read, blank ones included.</summary>
    [JsonPropertyName("lines")] public long Lines { get; set; }

    /// <summary>Tiles named.</summary>
    [JsonPropertyName("tiles")] public long Tiles { get; set; }

    /// <summary>Metatiles after expansion.</summary>
    [JsonPropertyName("metatiles")] public long Metatiles { get; set; }

    /// <summary>Metatiles × styles × scales.</summary>
    [JsonPropertyName("keys")] public long Keys { get; set; }

    /// <summary>Keys with nothing stored.</summary>
    [JsonPropertyName("notStored")] public long NotStored { get; set; }

    /// <summary>Silos that took part.</summary>
    [JsonPropertyName("silos")] public int Silos { get; set; }
}
