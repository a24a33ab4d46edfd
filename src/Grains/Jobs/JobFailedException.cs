namespace TileCluster.Grains.Jobs;

/// <summary>A job cannot go on (a metatile or an output kept failing); its message goes into the job's errors.</summary>
internal sealed class JobFailedException(string message) : Exception(message);
