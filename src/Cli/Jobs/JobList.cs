namespace TileCluster.Cli.Jobs;

/// <summary>The answer of <c>GET /jobs</c>: <c>{"jobs": [status, …]}</c>, newest first.</summary>
internal sealed class JobList
{
    /// <summary>The jobs, newest first.</summary>
    public List<JobStatus> Jobs { get; set; } = [];
}
