using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Gateway.Admin;

/// <summary>
/// The gate <c>POST /admin/expire</c> and <c>POST /admin/delete</c> share, all or nothing: the
/// query, the body under <c>Expire:MaxBodyBytes</c>, the expire list (any bad line refuses it) and
/// its expansion per layer under <c>Expire:MaxMetatiles</c>. A request it refuses has changed nothing.
/// </summary>
internal sealed partial class ExpireGate(
    IOptions<LayersOptions> layers,
    IOptions<ExpireOptions> options,
    ILogger<ExpireGate> logger)
{
    /// <summary>
    /// Reads and checks the request; returns the targets, or (targets null) the problem to answer,
    /// worded by <paramref name="wording"/>: 400 for a bad query or list, 413 over a limit.
    /// </summary>
    public async Task<(ExpiryTargets? Targets, IResult? Problem)> ReadAsync(HttpContext context, ExpireGateWording wording)
    {
        var limits = options.Value;
        if (!ExpireRequest.TryParse(context.Request.Query, layers.Value, limits, out var request, out string error))
        {
            return (null, Results.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {wording.Verb} request"));
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(context, limits.MaxBodyBytes);
        if (tooLarge)
        {
            return (null, TooLarge(wording, string.Create(CultureInfo.InvariantCulture, $"the {wording.List} is larger than Expire:MaxBodyBytes ({limits.MaxBodyBytes} bytes); post it in parts{wording.SplitHint}")));
        }

        var list = ExpireList.Parse(body.Span);
        if (!list.IsValid)
        {
            LogRejected(wording.List, list.ErrorCount, list.Errors[0].ToString());
            return (null, Results.Problem(
                detail: string.Create(CultureInfo.InvariantCulture, $"{list.ErrorCount} malformed line{(list.ErrorCount == 1 ? string.Empty : "s")} in the {wording.List}; {wording.Undone}. First: {list.Errors[0]}"),
                statusCode: StatusCodes.Status400BadRequest,
                title: $"Malformed {wording.List}",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = list.Errors.Select(e => new { line = e.Line, reason = e.Reason }).ToArray(),
                    ["errorCount"] = list.ErrorCount,
                }));
        }

        var targets = new List<ExpiryTarget>();
        var expanded = new Dictionary<(int Min, int Max), MetatileSet>();
        foreach (string style in request.Styles)
        {
            var layer = layers.Value.Layers[style];
            int min = Math.Max(request.MinZoom, layer.MinZoom), max = Math.Min(request.MaxZoom, layer.MaxZoom);
            if (min > max)
            {
                continue;
            }

            if (!expanded.TryGetValue((min, max), out var set))
            {
                set = ExpireExpansion.Expand(list.Tiles, min, max, limits.MaxMetatiles);
                if (set is null)
                {
                    return (null, TooLarge(wording, string.Create(CultureInfo.InvariantCulture, $"the {wording.List} expands to more than Expire:MaxMetatiles ({limits.MaxMetatiles}) metatiles over zooms {min}..{max}; narrow the zoom range or post fewer lines")));
                }

                expanded[(min, max)] = set;
            }

            targets.Add(new ExpiryTarget(style, 1, set));
            targets.Add(new ExpiryTarget(style, 2, set));
        }

        return (new ExpiryTargets(request, list, targets, expanded.Values.Sum(s => s.Count)), null);
    }

    private static IResult TooLarge(ExpireGateWording wording, string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: string.Concat(wording.List[..1].ToUpperInvariant(), wording.List[1..], " too large"));

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Rejected a posted {List}: {Count} malformed lines; first {First}")]
    private partial void LogRejected(string list, int count, string first);
}
