namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>What the gateway hands a new job grain: the spec and its per-zoom images, already resolved.</summary>
/// <param name="Spec">The validated spec.</param>
/// <param name="Images">The per-zoom images of its image outputs, in the order they are produced.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobSubmission(JobSpec Spec, JobImage[] Images);
