namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>Progress of one part of a job.</summary>
/// <param name="Output">"tiles" for the metatiles, else the output's contract name.</param>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in all.</param>
/// <param name="Unit">"metatiles" or "files".</param>
[GenerateSerializer]
[Immutable]
public sealed record JobProgress(string Output, long Done, long Total, string Unit);
