using System.Globalization;

namespace TileCluster.Cli.Infrastructure;

/// <summary>
/// Line-oriented log for the long-running commands: progress on stdout, warnings and errors on
/// stderr, each line stamped with the UTC time. Thread-safe; lines never interleave.
/// </summary>
public sealed class ConsoleLog(TextWriter output, TextWriter error, TimeProvider time)
{
    private readonly Lock _lock = new();

    /// <summary>The process's console, with the system clock.</summary>
    public static ConsoleLog Console { get; } = new(System.Console.Out, System.Console.Error, TimeProvider.System);

    /// <summary>Writes a progress line to stdout.</summary>
    public void Info(string message) => Write(output, string.Empty, message);

    /// <summary>Writes a warning to stderr.</summary>
    public void Warn(string message) => Write(error, "warning: ", message);

    /// <summary>Writes an error to stderr.</summary>
    public void Error(string message) => Write(error, "error: ", message);

    private void Write(TextWriter writer, string prefix, string message)
    {
        string stamp = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            writer.WriteLine($"{stamp} {prefix}{message}");
            writer.Flush();
        }
    }
}
