namespace TileCluster.Rendering.Styles;

/// <summary>
/// A style file cannot be used. The message is <c>file:line:column: problem</c> so editors and
/// terminals can jump straight to the offending key.
/// </summary>
internal sealed class StyleException : Exception
{
    /// <summary>Creates the exception with a ready-made <c>file:line:column: problem</c> message.</summary>
    public StyleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause (e.g. the YAML syntax error).</summary>
    public StyleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception (required by the exception pattern).</summary>
    public StyleException()
    {
    }
}
