using System.Text.Json.Serialization;

namespace TileCluster.Grains.Abstractions.Expiry;

/// <summary>The gateway's 200 answer to <c>POST /admin/delete</c> (docs/cli.md): written by the gateway, read by the CLI.</summary>
public sealed class DeleteResponse : TileListResponse
{
    /// <summary>Stored metatiles removed from the silos' stores.</summary>
    [JsonPropertyName("deleted")] public long Deleted { get; set; }
}
