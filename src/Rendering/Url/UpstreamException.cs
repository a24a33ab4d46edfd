namespace TileCluster.Rendering.Url;

/// <summary>
/// A <c>url</c> layer's upstream server did not give a usable image: it failed, answered an error
/// or something that is not the image asked for, or did not answer in time. Nothing is stored; the
/// gateway answers 502, or 504 when <see cref="TimedOut"/>.
/// </summary>
public sealed class UpstreamException : Exception
{
    /// <summary>Creates the error for <paramref name="url"/>.</summary>
    public UpstreamException(string url, string problem, bool timedOut, Exception? inner = null, int? statusCode = null)
        : base($"upstream {url}: {problem}", inner)
    {
        Url = url;
        Problem = problem;
        TimedOut = timedOut;
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the upstream answered with, when it answered one.</summary>
    public int? StatusCode { get; }

    /// <summary>What went wrong, without the address (which may hold a key): for the client's problem body.</summary>
    public string Problem { get; }

    /// <summary>The address fetched.</summary>
    public string Url { get; }

    /// <summary>Whether the last attempt ran out of time (rather than failing).</summary>
    public bool TimedOut { get; }
}
