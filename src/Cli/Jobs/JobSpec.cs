using System.Text.Json;
using System.Text.Json.Serialization;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Replication;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Cli.Jobs;

/// <summary>
/// The body of <c>POST /jobs</c>, made from the command line's options and checked before it is
/// sent, so that a mistake the CLI can see is one clear line naming the option. The gateway checks
/// again, and checks what only it knows (the style's zoom range).
/// </summary>
internal sealed record JobSpec(
    [property: JsonPropertyName("style")] string Style,
    [property: JsonPropertyName("bbox")] double[] Bbox,
    [property: JsonPropertyName("zoom")] string Zoom,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("outputs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Outputs,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name)
{
    /// <summary>The kinds of job.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["seed", "export"];

    /// <summary>What an export job can produce.</summary>
    public static readonly IReadOnlyList<string> OutputKinds = ["tms", "xyz", "mbtiles", "zip", "png", "jpeg", "geotiff", "pdf"];

    /// <summary>Longest name the gateway keeps.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Checks the option values; a bad one is a <see cref="UsageException"/> naming the option.</summary>
    public static JobSpec Create(string style, string? bbox, string? zoom, string? kind, IReadOnlyList<string> outputs, string? name)
    {
        if (!LayerName.IsValid(style))
        {
            throw new UsageException($"--style '{style}' is not a layer name (1-{LayerName.MaxLength} characters of a-z, 0-9, '-', '_')");
        }

        if (bbox is null)
        {
            throw new UsageException("--bbox W,S,E,N is required");
        }

        if (!BoundingBox.TryParse(bbox, out var box, out string? error))
        {
            throw new UsageException(error!);
        }

        if (zoom is null)
        {
            throw new UsageException("--zoom is required: one zoom (15) or a range (12-17)");
        }

        if (!ZoomRange.TryParse(zoom, out var range, out error))
        {
            throw new UsageException($"--zoom {error}");
        }

        if (kind is null)
        {
            throw new UsageException("--kind is required: seed (fill the tile store) or export");
        }

        if (!Kinds.Contains(kind))
        {
            throw new UsageException($"--kind '{kind}' is not seed or export");
        }

        foreach (string output in outputs)
        {
            if (!OutputKinds.Contains(output))
            {
                throw new UsageException($"--output '{output}' is not one of {string.Join(", ", OutputKinds)}");
            }
        }

        if (kind == "seed" && outputs.Count > 0)
        {
            throw new UsageException("--output is for --kind export; a seed job fills the tile store and has no outputs");
        }

        if (kind == "export" && outputs.Count == 0)
        {
            throw new UsageException($"--kind export needs at least one --output ({string.Join(", ", OutputKinds)})");
        }

        if (name is not null && (name.Length > MaxNameLength || name.Trim().Length == 0))
        {
            throw new UsageException($"--name must be 1-{MaxNameLength} characters");
        }

        string[]? distinct = kind == "export" ? [.. outputs.Distinct(StringComparer.Ordinal)] : null;
        return new JobSpec(style, box.ToArray(), range.ToString(), kind, distinct, name);
    }

    /// <summary>The JSON body.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);
}
