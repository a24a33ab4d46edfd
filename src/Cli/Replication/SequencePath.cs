using System.Globalization;

namespace TileCluster.Cli.Replication;

/// <summary>Where planet replication keeps a sequence: 466354 is <c>000/466/354</c> (.osc.gz, .state.txt).</summary>
public static class SequencePath
{
    /// <summary>The largest sequence the three groups of three digits can hold.</summary>
    public const long MaxSequence = 999_999_999;

    /// <summary>The relative path without extension, '/'-separated; out-of-range sequences throw with the reason.</summary>
    public static string Format(long sequence)
    {
        if (sequence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"sequence {sequence} is negative");
        }

        if (sequence > MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"sequence {sequence} is above {MaxSequence}, the largest the AAA/BBB/CCC layout can hold");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{sequence / 1_000_000:000}/{sequence / 1000 % 1000:000}/{sequence % 1000:000}");
    }
}
