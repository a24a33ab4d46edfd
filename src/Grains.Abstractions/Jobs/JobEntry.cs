namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>A job in the directory.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Created">When it was submitted.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobEntry(string Id, DateTimeOffset Created);
