using System.Text.Json;

namespace TileCluster.Cli.Jobs;

/// <summary>
/// A job's status document, as <c>GET /jobs/{id}/status.json</c> (and every other jobs answer)
/// gives it. Read leniently: a field the CLI does not know is ignored, a missing one is empty.
/// </summary>
internal sealed class JobStatus
{
    /// <summary>The job states after which nothing changes.</summary>
    public static readonly IReadOnlySet<string> FinalStates = new HashSet<string>(StringComparer.Ordinal) { "done", "failed", "cancelled" };

    /// <summary>How the CLI reads every jobs answer: camelCase, case-insensitive names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The job id, e.g. <c>20261130-064512-3f9a1c</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The optional label.</summary>
    public string? Name { get; set; }

    /// <summary>What was asked for.</summary>
    public JobSpecDocument? Spec { get; set; }

    /// <summary>queued, running, done, failed or cancelled.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Progress per output: tiles first, then each file output.</summary>
    public List<JobProgress> Progress { get; set; } = [];

    /// <summary>Metatiles this job rendered (the others were reused from the store).</summary>
    public long Renders { get; set; }

    /// <summary>When the job was submitted.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>When it started running.</summary>
    public DateTimeOffset? Started { get; set; }

    /// <summary>When its progress last changed.</summary>
    public DateTimeOffset? Updated { get; set; }

    /// <summary>When it ended (done, failed or cancelled).</summary>
    public DateTimeOffset? Finished { get; set; }

    /// <summary>The gateway's estimate of when it will be done.</summary>
    public DateTimeOffset? Eta { get; set; }

    /// <summary>What it produced, with URLs on the gateway.</summary>
    public List<JobOutput> Outputs { get; set; } = [];

    /// <summary>What went wrong.</summary>
    public List<string> Errors { get; set; } = [];

    /// <summary>The status document's path on the gateway.</summary>
    public string? StatusUrl { get; set; }

    /// <summary>Whether the job has ended: done, failed or cancelled.</summary>
    public bool IsFinal => FinalStates.Contains(State);
}
