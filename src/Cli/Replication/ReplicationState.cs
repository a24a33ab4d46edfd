using System.Globalization;
using System.Text;

namespace TileCluster.Cli.Replication;

/// <summary>
/// A replication state: the <c>state.txt</c> format planet replication and osmosis use
/// (Java properties: <c>key=value</c> lines, <c>#</c> comments, <c>\:</c> for a colon), so
/// <c>sequenceNumber=466354</c> and <c>timestamp=2013-08-04T20\:13\:02Z</c>. The replicator's own
/// state file adds two keys while a sequence's expiries are not yet delivered:
/// <c>pendingExpire=SEQ</c> (always the applied sequence) and <c>pendingArrival=TIME</c> (when its diff
/// was downloaded, for the arrival-to-delivery figures after a restart).
/// </summary>
/// <param name="Sequence">For a source's state: its latest sequence. For the replicator's state: the last sequence applied to the database.</param>
/// <param name="Timestamp">The OSM data time of that sequence (null when the state was seeded with --start-sequence).</param>
/// <param name="PendingExpire">The sequence whose expire list is still to be posted, or null.</param>
/// <param name="PendingArrival">When that sequence's diff arrived, or null.</param>
public sealed record ReplicationState(long Sequence, DateTimeOffset? Timestamp, long? PendingExpire = null, DateTimeOffset? PendingArrival = null)
{
    /// <summary>Parses a state file's text; <paramref name="error"/> names the line and the fault.</summary>
    public static bool TryParse(string text, out ReplicationState? state, out string? error)
    {
        state = null;
        long? sequence = null;
        DateTimeOffset? timestamp = null, pendingArrival = null;
        long? pending = null;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            int separator = FindSeparator(line);
            if (separator < 0)
            {
                error = $"line {lineNumber}: expected key=value but found '{Shorten(line)}'";
                return false;
            }

            string key = Unescape(line[..separator].TrimEnd());
            string value = Unescape(line[(separator + 1)..].Trim());
            switch (key)
            {
                case "sequenceNumber":
                    if (!TryParseSequence(value, out long s, out error))
                    {
                        error = $"line {lineNumber}: sequenceNumber {error}";
                        return false;
                    }

                    sequence = s;
                    break;
                case "timestamp":
                    if (!TryParseTimestamp(value, out var t))
                    {
                        error = $"line {lineNumber}: timestamp '{Shorten(value)}' is not a UTC time like 2013-08-04T20:13:02Z";
                        return false;
                    }

                    timestamp = t;
                    break;
                case "pendingExpire":
                    if (!TryParseSequence(value, out long p, out error))
                    {
                        error = $"line {lineNumber}: pendingExpire {error}";
                        return false;
                    }

                    pending = p;
                    break;
                case "pendingArrival":
                    if (!TryParseTimestamp(value, out var a))
                    {
                        error = $"line {lineNumber}: pendingArrival '{Shorten(value)}' is not a UTC time like 2013-08-04T20:13:02Z";
                        return false;
                    }

                    pendingArrival = a;
                    break;
                default:
                    // Other keys (osmosis writes none, but tools may) are ignored.
                    break;
            }
        }

        if (sequence is null)
        {
            error = "no sequenceNumber line";
            return false;
        }

        if (pending is not null && pending != sequence)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"pendingExpire={pending} does not match sequenceNumber={sequence}: only the last applied sequence can be pending");
            return false;
        }

        state = new ReplicationState(sequence.Value, timestamp, pending, pending is null ? null : pendingArrival);
        error = null;
        return true;
    }

    /// <summary>Reads a state file; a missing, unreadable or malformed file is an <see cref="InvalidDataException"/> or an IO exception naming the file.</summary>
    public static ReplicationState Read(string path)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        return TryParse(text, out var state, out string? error)
            ? state!
            : throw new InvalidDataException($"{path}: {error}");
    }

    /// <summary>The file text, with escaped colons as osmosis writes them.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append("#TileCluster replication state\n");
        text.Append(CultureInfo.InvariantCulture, $"sequenceNumber={Sequence}\n");
        if (Timestamp is { } timestamp)
        {
            text.Append(CultureInfo.InvariantCulture, $"timestamp={Escape(FormatTimestamp(timestamp))}\n");
        }

        if (PendingExpire is { } pending)
        {
            text.Append(CultureInfo.InvariantCulture, $"pendingExpire={pending}\n");
            if (PendingArrival is { } arrival)
            {
                text.Append(CultureInfo.InvariantCulture, $"pendingArrival={Escape(FormatTimestamp(arrival))}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Replaces <paramref name="path"/> atomically: the text goes to a temporary file next to it,
    /// is flushed to disk, and is renamed over the old file, so a crash leaves the old or the new
    /// state, never half of one.
    /// </summary>
    public void Write(string path)
    {
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(Format()));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>UTC, seconds, or milliseconds when there are any: 2013-08-04T20:13:02Z.</summary>
    public static string FormatTimestamp(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.Millisecond == 0 && utc.Microsecond == 0
            ? utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
    }

    private static bool TryParseTimestamp(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            value,
            ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);

    private static bool TryParseSequence(string value, out long sequence, out string? error)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            error = $"'{Shorten(value)}' is not a whole number";
            return false;
        }

        if (sequence > SequencePath.MaxSequence)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{sequence} is above {SequencePath.MaxSequence}, the largest sequence of the AAA/BBB/CCC layout");
            return false;
        }

        error = null;
        return true;
    }

    // The first '=' or ':' that is not escaped.
    private static int FindSeparator(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] is '=' or ':')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                result.Append(text[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'f' => '\f', char c => c });
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
