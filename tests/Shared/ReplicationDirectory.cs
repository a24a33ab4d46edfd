using System.Globalization;

namespace TileCluster.Tests.Shared;

/// <summary>
/// A test's replication set-up in a temporary directory, deleted on dispose. <see cref="Source"/>
/// is laid out like https://planet.osm.org/replication/minute, from the bundled diffs (what
/// scripts/replication-fixture.sh does): <c>000/466/354.osc.gz</c> + <c>.state.txt</c> (the real
/// planet diff, nothing in Liechtenstein), <c>000/466/355.*</c> (the Vaduz fixture,
/// data/sample/replication-fixture/README.md) and <c>state.txt</c> naming the last published
/// sequence. A sequence is published the way a replication server does: the diff and its state
/// first, <c>state.txt</c> last (by rename). Beside the source: the replicator's own
/// <see cref="StateFile"/> and <see cref="WorkDir"/>, which <c>tilecluster replicate</c> creates.
/// </summary>
internal sealed class ReplicationDirectory : IDisposable
{
    /// <summary>The real planet diff (2013-08-04T20:13Z), the day after the extract.</summary>
    public const long FirstSequence = 466354;

    /// <summary>The Vaduz fixture (2013-08-04T20:14Z).</summary>
    public const long FixtureSequence = 466355;

    private ReplicationDirectory(string root)
    {
        Root = root;
        Source = Path.Combine(root, "replication");
        Directory.CreateDirectory(Source);
    }

    /// <summary>The temporary directory that holds everything; itself no replication source (it has no <c>state.txt</c>).</summary>
    public string Root { get; }

    /// <summary>The replication source, for <c>tilecluster replicate --source</c> (no trailing separator).</summary>
    public string Source { get; }

    /// <summary>The source's top-level state file.</summary>
    public string SourceStateFile => Path.Combine(Source, "state.txt");

    /// <summary>The replicator's state, for <c>--state</c>; not there until the replicator writes it.</summary>
    public string StateFile => Path.Combine(Root, "state", "state.txt");

    /// <summary>The replicator's work directory, for <c>--work-dir</c>; not there until the replicator makes it.</summary>
    public string WorkDir => Path.Combine(Root, "work");

    /// <summary>The sequence the source's <c>state.txt</c> names; 0 before any is published.</summary>
    public long PublishedSequence { get; private set; }

    /// <summary>Publishes sequences <see cref="FirstSequence"/>..<paramref name="lastSequence"/> in a new temporary directory.</summary>
    public static ReplicationDirectory Create(long lastSequence = FixtureSequence)
    {
        CheckSequence(lastSequence);
        var directory = CreateEmpty();
        for (long sequence = FirstSequence; sequence <= lastSequence; sequence++)
        {
            directory.Publish(sequence);
        }

        return directory;
    }

    /// <summary>A new temporary directory whose source has published nothing yet.</summary>
    public static ReplicationDirectory CreateEmpty() => new(Directory.CreateTempSubdirectory("tilecluster-replication-").FullName);

    /// <summary>Publishes the sequence after <see cref="PublishedSequence"/>; returns it.</summary>
    public long PublishNext()
    {
        long next = PublishedSequence == 0 ? FirstSequence : PublishedSequence + 1;
        Publish(next);
        return next;
    }

    /// <summary>Publishes the bundled diff of <paramref name="sequence"/>, replacing what was published for it.</summary>
    public ReplicationDirectory Publish(long sequence) =>
        Publish(sequence, osc => File.Copy(SourceFile(sequence, ".osc.gz"), osc, overwrite: true));

    /// <summary>Publishes <paramref name="sequence"/> with its real state but a damaged <c>.osc.gz</c> (random bytes) that osm2pgsql fails on.</summary>
    public ReplicationDirectory PublishCorrupt(long sequence) =>
        Publish(sequence, osc =>
        {
            byte[] junk = new byte[4096];
            new Random((int)sequence).NextBytes(junk);
            File.WriteAllBytes(osc, junk);
        });

    /// <summary>The published <c>.osc.gz</c> of a sequence in <see cref="Source"/>.</summary>
    public string ChangeFile(long sequence) => Path.Combine(Source, RelativePath(sequence) + ".osc.gz");

    /// <summary>The expire list the replicator keeps for a sequence until it is delivered.</summary>
    public string ExpireFile(long sequence) => Path.Combine(WorkDir, "expire", sequence.ToString(CultureInfo.InvariantCulture) + ".list");

    /// <summary>The replicator's <see cref="StateFile"/> as it is.</summary>
    public string ReadStateText() => File.ReadAllText(StateFile);

    /// <summary>Reads <c>sequenceNumber</c> and <c>timestamp</c> of an osmosis state file (<c>#</c> comments, <c>\:</c> escapes).</summary>
    public static (long Sequence, DateTimeOffset Timestamp) ReadState(string path)
    {
        long? sequence = null;
        DateTimeOffset? timestamp = null;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || eq < 0)
            {
                continue;
            }

            string key = line[..eq];
            string value = line[(eq + 1)..].Replace("\\", string.Empty, StringComparison.Ordinal);
            if (key == "sequenceNumber")
            {
                sequence = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (key == "timestamp")
            {
                timestamp = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            }
        }

        return (sequence ?? throw new FormatException($"{path}: no sequenceNumber"), timestamp ?? throw new FormatException($"{path}: no timestamp"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    // 000/466/354 for 466354: the path of a sequence's files without the extension.
    private static string RelativePath(long sequence)
    {
        string digits = sequence.ToString("D9", CultureInfo.InvariantCulture);
        return $"{digits[..3]}/{digits[3..6]}/{digits[6..]}";
    }

    // The bundled file a sequence's extension (.osc.gz, .state.txt) is copied from.
    private static string SourceFile(long sequence, string extension)
    {
        string name = sequence.ToString("D9", CultureInfo.InvariantCulture) + extension;
        string fixture = Path.Combine(RepositoryPaths.SampleDirectory, "replication-fixture", name);
        return File.Exists(fixture) ? fixture : Path.Combine(RepositoryPaths.SampleDirectory, name);
    }

    private static void CheckSequence(long sequence)
    {
        if (sequence is < FirstSequence or > FixtureSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"the bundled diffs are {FirstSequence}..{FixtureSequence}");
        }
    }

    private ReplicationDirectory Publish(long sequence, Action<string> writeChangeFile)
    {
        CheckSequence(sequence);
        string osc = ChangeFile(sequence);
        Directory.CreateDirectory(Path.GetDirectoryName(osc)!);
        writeChangeFile(osc);
        string state = SourceFile(sequence, ".state.txt");
        File.Copy(state, Path.Combine(Source, RelativePath(sequence) + ".state.txt"), overwrite: true);
        string temporary = SourceStateFile + ".tmp";
        File.Copy(state, temporary, overwrite: true);
        File.Move(temporary, SourceStateFile, overwrite: true);
        PublishedSequence = sequence;
        return this;
    }
}
