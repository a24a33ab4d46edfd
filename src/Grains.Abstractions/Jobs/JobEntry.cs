namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>A job in the directory.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Created">When it was submitted.</param>
/// <param name="Finished">Whether it has reached done, failed or cancelled; silos starting up resume only the others.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobEntry(string Id, DateTimeOffset Created, bool Finished = false);
