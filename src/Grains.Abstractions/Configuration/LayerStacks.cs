namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// How <c>composite</c> layers depend on the layers in their stacks (members and masks): the cycle
/// check at start-up, and which composites an expiry of a member layer reaches.
/// </summary>
public static class LayerStacks
{
    /// <summary>The layers <paramref name="provider"/>'s stack draws or masks with, in stack order (none for other kinds).</summary>
    public static IEnumerable<string> ReferencesOf(LayerProviderOptions provider)
    {
        if (provider.Kind != LayerProviderOptions.CompositeKind)
        {
            yield break;
        }

        foreach (var member in provider.Stack)
        {
            if (!string.IsNullOrEmpty(member.Layer))
            {
                yield return member.Layer;
            }

            if (!string.IsNullOrEmpty(member.Mask))
            {
                yield return member.Mask;
            }
        }
    }

    /// <summary>
    /// A cycle through <paramref name="layer"/>, written <c>a → b → a</c>, or null when its stack
    /// reaches no layer twice. References to layers that are not configured are ignored here.
    /// </summary>
    public static string? CycleThrough(LayersOptions options, string layer)
    {
        var path = new List<string> { layer };
        return Visit(options, layer, layer, path, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// <paramref name="layers"/> and every composite layer whose stack reaches one of them, directly
    /// or through other composites: the layers whose tiles change when theirs do.
    /// </summary>
    public static IReadOnlyList<string> WithDependents(LayersOptions options, IEnumerable<string> layers)
    {
        var result = new List<string>(layers);
        var seen = new HashSet<string>(result, StringComparer.Ordinal);
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (name, layer) in options.Layers)
            {
                if (!seen.Contains(name) && ReferencesOf(layer.Provider).Any(seen.Contains))
                {
                    seen.Add(name);
                    result.Add(name);
                    grew = true;
                }
            }
        }

        return result;
    }

    private static string? Visit(LayersOptions options, string start, string current, List<string> path, HashSet<string> done)
    {
        if (!options.Layers.TryGetValue(current, out var layer) || !done.Add(current))
        {
            return null;
        }

        foreach (string next in ReferencesOf(layer.Provider))
        {
            if (next == start)
            {
                return string.Join(" → ", path.Append(next));
            }

            path.Add(next);
            if (Visit(options, start, next, path, done) is { } cycle)
            {
                return cycle;
            }

            path.RemoveAt(path.Count - 1);
        }

        return null;
    }
}
