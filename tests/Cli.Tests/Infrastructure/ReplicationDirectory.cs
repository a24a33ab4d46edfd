using System.Globalization;

namespace TileCluster.Cli.Tests.Infrastructure;

/// <summary>
/// A local replication source laid out like planet replication: <c>state.txt</c>, and for
/// sequence 466354 <c>000/466/354.osc.gz</c> (the sample diff) and <c>000/466/354.state.txt</c>.
/// Also holds the test's state file and work directory.
/// </summary>
internal sealed class ReplicationDirectory : IDisposable
{
    public const long SampleSequence = 466354;

    /// <summary>The newest object time in the sample diff, written as the sequence's timestamp.</summary>
    public const string SampleTimestamp = "2013-08-04T20:13:00Z";

    public ReplicationDirectory()
    {
        Root = Directory.CreateTempSubdirectory("tilecluster-cli-").FullName;
        Source = Path.Combine(Root, "replication");
        Directory.CreateDirectory(Path.Combine(Source, "000", "466"));
        StateFile = Path.Combine(Root, "state", "state.txt");
        WorkDir = Path.Combine(Root, "work");
    }

    public string Root { get; }

    public string Source { get; }

    public string StateFile { get; }

    public string WorkDir { get; }

    public string DiffPath => Path.Combine(Source, "000", "466", "354.osc.gz");

    public string ExpireFile => Path.Combine(WorkDir, "expire", SampleSequence.ToString(CultureInfo.InvariantCulture) + ".list");

    /// <summary>Publishes the sample diff as sequence 466354 (the latest).</summary>
    public ReplicationDirectory WithSampleDiff()
    {
        File.Copy(RepositoryPaths.SampleDiff, DiffPath, overwrite: true);
        return Publish();
    }

    /// <summary>Publishes a damaged .osc.gz as sequence 466354.</summary>
    public ReplicationDirectory WithCorruptDiff()
    {
        byte[] junk = new byte[4096];
        new Random(466354).NextBytes(junk);
        File.WriteAllBytes(DiffPath, junk);
        return Publish();
    }

    public string ReadState() => File.ReadAllText(StateFile);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private ReplicationDirectory Publish()
    {
        string state = $"#Sun Aug 04 20:14:02 UTC 2013\nsequenceNumber={SampleSequence}\ntimestamp={SampleTimestamp.Replace(":", "\\:", StringComparison.Ordinal)}\n";
        File.WriteAllText(Path.Combine(Source, "000", "466", "354.state.txt"), state);
        File.WriteAllText(Path.Combine(Source, "state.txt"), state);
        return this;
    }
}
