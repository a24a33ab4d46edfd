namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>A job's request to a metatile grain: have the metatile fresh in the store and, for an export, copy its tiles into the job's tree.</summary>
/// <param name="JobId">The job (a valid <see cref="Jobs.JobId"/>); its tree is <c>{Jobs:Root}/{id}/tiles</c>.</param>
/// <param name="Range">The job's tiles at this metatile's zoom; only those are written.</param>
/// <param name="WriteTree">Whether to write the tiles into the job's tree (export) or only fill the store (seed).</param>
[GenerateSerializer]
[Immutable]
public sealed record JobTileRequest(string JobId, TileRange Range, bool WriteTree);
