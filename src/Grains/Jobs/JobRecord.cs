using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// A job's durable state. Progress is a bit per metatile (in <see cref="JobTiling.Metatiles"/>
/// order) and a count of finished output steps, so a resumed job skips what is done.
/// </summary>
[GenerateSerializer]
internal sealed class JobRecord
{
    [Id(0)]
    public JobSubmission? Submission { get; set; }

    [Id(1)]
    public JobState State { get; set; }

    [Id(2)]
    public DateTimeOffset Created { get; set; }

    [Id(3)]
    public DateTimeOffset? Started { get; set; }

    [Id(4)]
    public DateTimeOffset Updated { get; set; }

    [Id(5)]
    public DateTimeOffset? Finished { get; set; }

    /// <summary>One bit per metatile: set when the metatile is in the store (and in the tree, for an export).</summary>
    [Id(6)]
    public byte[] DoneMetatiles { get; set; } = [];

    [Id(7)]
    public long MetatilesDone { get; set; }

    [Id(8)]
    public long Renders { get; set; }

    /// <summary>Output steps finished, in <see cref="JobSteps"/> order.</summary>
    [Id(9)]
    public int StepsDone { get; set; }

    [Id(10)]
    public List<JobOutputFile> Outputs { get; set; } = [];

    [Id(11)]
    public List<string> Errors { get; set; } = [];

    public bool IsDone(int index) => (DoneMetatiles[index >> 3] & (1 << (index & 7))) != 0;

    public void MarkDone(int index) => DoneMetatiles[index >> 3] |= (byte)(1 << (index & 7));
}
