namespace TileCluster.Cli.Expire;

/// <summary>One piece of an expire list: whole lines, starting at <see cref="FirstLine"/> (1-based) of the list.</summary>
public readonly record struct ExpireChunk(int FirstLine, int LineCount, ReadOnlyMemory<byte> Body);

/// <summary>Splits an expire list into chunks of whole lines, for lists too long to post at once.</summary>
public static class ExpireChunks
{
    /// <summary>The default chunk size in lines.</summary>
    public const int DefaultLines = 200_000;

    /// <summary>
    /// Chunks of at most <paramref name="linesPerChunk"/> lines, in order, covering every byte of
    /// <paramref name="list"/>; a chunk ends just after a line's '\n' (or at the end of the list). Line
    /// numbers count as <see cref="TileCluster.Grains.Abstractions.Expiry.ExpireList.Parse"/> counts them.
    /// </summary>
    public static IEnumerable<ExpireChunk> Split(ReadOnlyMemory<byte> list, int linesPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerChunk, 1);
        int start = 0, firstLine = 1, lines = 0, position = 0;
        while (position < list.Length)
        {
            int newline = list.Span[position..].IndexOf((byte)'\n');
            position = newline < 0 ? list.Length : position + newline + 1;
            lines++;
            if (lines == linesPerChunk || position == list.Length)
            {
                yield return new ExpireChunk(firstLine, lines, list[start..position]);
                start = position;
                firstLine += lines;
                lines = 0;
            }
        }
    }
}
