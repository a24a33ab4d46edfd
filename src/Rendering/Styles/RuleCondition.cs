using System.Collections.Immutable;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// One clause of a rule's <c>when</c>: the column equals one of <see cref="Values"/>. A null entry
/// stands for SQL NULL (YAML <c>~</c>).
/// </summary>
/// <param name="Column">The column name (validated identifier).</param>
/// <param name="Values">Accepted values; non-empty.</param>
internal sealed record RuleCondition(string Column, ImmutableArray<string?> Values)
{
    /// <summary>Whether <paramref name="value"/> satisfies the clause (ordinal comparison).</summary>
    public bool Matches(string? value)
    {
        foreach (string? candidate in Values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
