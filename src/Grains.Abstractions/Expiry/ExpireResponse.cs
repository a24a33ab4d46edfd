using System.Text.Json.Serialization;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>The gateway's 200 answer to <c>POST /admin/expire</c> (docs/freshness.md): written by the gateway, read by the CLI.</summary>
public sealed class ExpireResponse : TileListResponse
{
    /// <summary>Stored metatiles marked dirty.</summary>
    [JsonPropertyName("dirtied")] public long Dirtied { get; set; }

    /// <summary>Hot-zoom metatiles queued for an immediate re-render.</summary>
    [JsonPropertyName("hotRefreshing")] public long HotRefreshing { get; set; }

    /// <summary>Batches sent to silos.</summary>
    [JsonPropertyName("batches")] public int Batches { get; set; }

    /// <summary>Milliseconds from receipt to every silo having marked its metatiles.</summary>
    [JsonPropertyName("deliveredMs")] public double? DeliveredMs { get; set; }

    /// <summary>With wait=hot: hot metatiles re-rendered.</summary>
    [JsonPropertyName("hotRendered")] public long? HotRendered { get; set; }

    /// <summary>With wait=hot: hot re-renders that failed.</summary>
    [JsonPropertyName("hotFailed")] public long? HotFailed { get; set; }

    /// <summary>With wait=hot: hot re-renders not finished when the wait ended.</summary>
    [JsonPropertyName("hotTimedOut")] public long? HotTimedOut { get; set; }

    /// <summary>With wait=hot: milliseconds from receipt to the last hot re-render; null when the wait timed out.</summary>
    [JsonPropertyName("hotRenderedMs")] public double? HotRenderedMs { get; set; }
}
