using System.Text.Json.Serialization;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>
/// What the gateway's 200 answers to <c>POST /admin/expire</c> and <c>POST /admin/delete</c> share:
/// the list read and the metatile keys it reached.
/// </summary>
public abstract class TileListResponse
{
    // System.Text.Json writes a derived class's properties first; these lead the answer instead.
    private const int Shared = -1;

    /// <summary>Lines read, blank ones included.</summary>
    [JsonPropertyOrder(Shared), JsonPropertyName("lines")] public long Lines { get; set; }

    /// <summary>Tiles named.</summary>
    [JsonPropertyOrder(Shared), JsonPropertyName("tiles")] public long Tiles { get; set; }

    /// <summary>Metatiles after expansion.</summary>
    [JsonPropertyOrder(Shared), JsonPropertyName("metatiles")] public long Metatiles { get; set; }

    /// <summary>Metatiles × styles × scales.</summary>
    [JsonPropertyOrder(Shared), JsonPropertyName("keys")] public long Keys { get; set; }

    /// <summary>Keys with nothing stored.</summary>
    [JsonPropertyOrder(Shared), JsonPropertyName("notStored")] public long NotStored { get; set; }

    /// <summary>Silos that took part.</summary>
    [JsonPropertyOrder(Shared), JsonPropertyName("silos")] public int Silos { get; set; }
}
