using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Http;

/// <summary>
/// An error answer from the gateway, or no answer: one line for a person (the status, the
/// problem's title and detail, or the network error) and the exit code it means.
/// </summary>
/// <param name="StatusCode">The HTTP status, or null when there was no answer.</param>
/// <param name="Message">What happened, e.g. <c>HTTP 413 Payload Too Large: the export would be …</c>.</param>
/// <param name="RetryAfter">The Retry-After of a 429 or 503, if any.</param>
internal sealed record GatewayError(int? StatusCode, string Message, TimeSpan? RetryAfter)
{
    /// <summary>
    /// 1 when the gateway or the network failed (no answer, 408, 429, 5xx: trying again later may
    /// work), 4 for a refused token, 2 for another 4xx (the request itself is wrong).
    /// </summary>
    public int ExitCode => StatusCode switch
    {
        null or 408 or 429 or >= 500 => ExitCodes.Failure,
        401 => ExitCodes.Unauthorized,
        _ => ExitCodes.BadInput,
    };

    /// <summary>Whether asking again later may get another answer (no answer, 408, 429, 5xx).</summary>
    public bool IsTransient => ExitCode == ExitCodes.Failure;
}
