namespace TileCluster.Cli.Infrastructure;

/// <summary>
/// A configuration or input problem found before any work starts: printed as one line on stderr,
/// exit code <see cref="ExitCodes.BadInput"/>. The message names the option or file and the fault.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
