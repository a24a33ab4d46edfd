using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Jobs;

/// <summary>Job ids as the jobs API makes them: 1-64 characters of a-z, 0-9 and '-'.</summary>
internal static class JobId
{
    /// <summary>Longest id.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="id"/> is an id (so it can go into a URL path as it is).</summary>
    public static bool IsValid(string id) =>
        id.Length is >= 1 and <= MaxLength && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Returns <paramref name="id"/>, or throws a <see cref="UsageException"/> saying what an id looks like.</summary>
    public static string Check(string id) => IsValid(id)
        ? id
        : throw new UsageException($"'{id}' is not a job id (1-{MaxLength} characters of a-z, 0-9 and '-', e.g. 20261130-064512-3f9a1c)");
}
