using System.Globalization;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A local replication directory laid out like https://planet.osm.org/replication/minute, from
/// the bundled diffs (what scripts/replication-fixture.sh does): <c>000/466/354.osc.gz</c> +
/// <c>.state.txt</c> (the real planet diff, nothing in Liechtenstein), <c>000/466/355.*</c> (the
/// Vaduz fixture, data/sample/replication-fixture/README.md) and <c>state.txt</c> naming the
/// last published sequence. <see cref="PublishNext"/> publishes the following sequence later,
/// the way a replication server does: the diff and its state first, <c>state.txt</c> last (by
/// rename). Deleted on dispose.
/// </summary>
internal sealed class ReplicationDirectory : IDisposable
{
    /// <summary>The real planet diff (2013-08-04T20:13Z).</summary>
    public const long FirstSequence = 466354;

    /// <summary>The Vaduz fixture (2013-08-04T20:14Z).</summary>
    public const long FixtureSequence = 466355;

    private ReplicationDirectory(string root) => Root = root;

    /// <summary>The directory (no trailing separator).</summary>
    public string Root { get; }

    /// <summary><c>file:///…/</c>, with the trailing slash that relative resolution needs.</summary>
    public Uri Uri => new(Root + "/");

    /// <summary>The top-level state file.</summary>
    public string StateFile => Path.Combine(Root, "state.txt");

    /// <summary>The sequence <c>state.txt</c> names.</summary>
    public long PublishedSequence { get; private set; }

    /// <summary>Lays out sequences <see cref="FirstSequence"/>..<paramref name="lastSequence"/> in a new temporary directory.</summary>
    public static ReplicationDirectory Create(long lastSequence = FixtureSequence)
    {
        CheckSequence(lastSequence);
        var directory = new ReplicationDirectory(Directory.CreateTempSubdirectory("tilecluster-replication-").FullName);
        for (long sequence = FirstSequence; sequence <= lastSequence; sequence++)
        {
            directory.Publish(sequence);
        }

        return directory;
    }

    /// <summary>Publishes the sequence after <see cref="PublishedSequence"/>; returns it.</summary>
    public long PublishNext()
    {
        long next = PublishedSequence + 1;
        CheckSequence(next);
        Publish(next);
        return next;
    }

    /// <summary><c>000/466/354</c> for 466354: the path of a sequence's files without the extension.</summary>
    public static string RelativePath(long sequence)
    {
        string digits = sequence.ToString("D9", CultureInfo.InvariantCulture);
        return $"{digits[..3]}/{digits[3..6]}/{digits[6..]}";
    }

    /// <summary>The published <c>.osc.gz</c> of a sequence in this directory.</summary>
    public string ChangeFile(long sequence) => Path.Combine(Root, RelativePath(sequence) + ".osc.gz");

    /// <summary>The published <c>.state.txt</c> of a sequence in this directory.</summary>
    public string SequenceStateFile(long sequence) => Path.Combine(Root, RelativePath(sequence) + ".state.txt");

    /// <summary>The bundled file a sequence's <paramref name="extension"/> (<c>.osc.gz</c>, <c>.state.txt</c>, <c>.osc</c>) is copied from.</summary>
    public static string SourceFile(long sequence, string extension)
    {
        string name = sequence.ToString("D9", CultureInfo.InvariantCulture) + extension;
        string sample = Path.Combine(RepositoryPaths.Root, "data", "sample");
        string fixture = Path.Combine(sample, "replication-fixture", name);
        return File.Exists(fixture) ? fixture : Path.Combine(sample, name);
    }

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

    private void Publish(long sequence)
    {
        string osc = ChangeFile(sequence);
        Directory.CreateDirectory(Path.GetDirectoryName(osc)!);
        File.Copy(SourceFile(sequence, ".osc.gz"), osc, overwrite: true);
        File.Copy(SourceFile(sequence, ".state.txt"), SequenceStateFile(sequence), overwrite: true);
        string temporary = StateFile + ".tmp";
        File.Copy(SourceFile(sequence, ".state.txt"), temporary, overwrite: true);
        File.Move(temporary, StateFile, overwrite: true);
        PublishedSequence = sequence;
    }

    private static void CheckSequence(long sequence)
    {
        if (sequence is < FirstSequence or > FixtureSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"the bundled diffs are {FirstSequence}..{FixtureSequence}");
        }
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
}
