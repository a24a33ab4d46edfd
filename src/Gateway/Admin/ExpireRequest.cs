using System.Globalization;
using Microsoft.Extensions.Primitives;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Admin;

/// <summary>The query options of <c>POST /admin/expire</c>, validated.</summary>
internal sealed record ExpireRequest(IReadOnlyList<string> Styles, int MinZoom, int MaxZoom, bool WaitForHot, TimeSpan WaitTimeout)
{
    private static readonly string[] Known = ["style", "minZoom", "maxZoom", "wait", "timeout"];

    public static bool TryParse(IQueryCollection query, LayersOptions layers, ExpireOptions defaults, out ExpireRequest request, out string error)
    {
        request = null!;
        foreach (string name in query.Keys)
        {
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                error = $"unknown query parameter '{name}'; known: {string.Join(", ", Known)}";
                return false;
            }
        }

        var names = query["style"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        foreach (string name in names)
        {
            if (!layers.Layers.ContainsKey(name))
            {
                error = $"layer '{name}' is not configured; known layers: {string.Join(", ", layers.Layers.Keys)}";
                return false;
            }
        }

        // A composite's tiles are made of its members': expiring a member expires the composites over it.
        names = names.Count == 0 ? [.. layers.Layers.Keys] : [.. LayerStacks.WithDependents(layers, names)];

        if (!TryZoom(query["minZoom"], "minZoom", defaults.MinZoom, out int minZoom, out error) ||
            !TryZoom(query["maxZoom"], "maxZoom", defaults.MaxZoom, out int maxZoom, out error))
        {
            return false;
        }

        if (minZoom > maxZoom)
        {
            error = $"minZoom {minZoom} is above maxZoom {maxZoom}";
            return false;
        }

        string wait = query["wait"].ToString();
        if (wait.Length > 0 && wait != "hot")
        {
            error = $"wait must be 'hot' (wait for hot-zoom re-renders), not '{wait}'";
            return false;
        }

        var timeout = defaults.DefaultWaitTimeout;
        if (query["timeout"] is { Count: > 0 } t)
        {
            if (!double.TryParse(t.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) || seconds <= 0 || seconds > 3600)
            {
                error = $"timeout '{t}' must be a number of seconds within (0, 3600]";
                return false;
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }

        request = new ExpireRequest(names, minZoom, maxZoom, wait == "hot", timeout);
        error = string.Empty;
        return true;
    }

    private static bool TryZoom(StringValues value, string name, int fallback, out int zoom, out string error)
    {
        error = string.Empty;
        zoom = fallback;
        if (value.Count == 0)
        {
            return true;
        }

        if (int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out zoom) && zoom <= TileCoord.MaxSupportedZoom)
        {
            return true;
        }

        error = $"{name} '{value}' must be a whole number within 0..{TileCoord.MaxSupportedZoom}";
        return false;
    }
}
