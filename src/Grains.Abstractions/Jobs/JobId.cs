using System.Globalization;
using System.Security.Cryptography;

namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>
/// Job ids: 1-64 characters of a-z, 0-9 and '-'. They become folder names, so nothing else (no
/// dots, slashes or upper case) is ever accepted.
/// </summary>
public static class JobId
{
    /// <summary>Longest accepted id.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="id"/> is a well-formed job id.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new id: the UTC time and 6 random hex digits, e.g. <c>20261130-064512-3f9a1c</c>.</summary>
    public static string New(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
}
