using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using TileCluster.Cli.Clean;
using TileCluster.Cli.Expire;
using TileCluster.Cli.Http;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Replication;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Cli.Commands;

/// <summary>
/// <c>tilecluster clean --layer L --bbox W,S,E,N --zooms 12-16 [--delete]</c>, like
/// <c>tilestache-clean</c>: expires (or, with <c>--delete</c>, removes) a layer's metatiles over a
/// box in every tier, zoom by zoom, through the gateway's <c>/admin/expire</c> or <c>/admin/delete</c>.
/// </summary>
internal static class CleanCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Builds the command.</summary>
    public static Command Create(Func<ShutdownSignal> signals)
    {
        var layer = new Option<string[]>("--layer")
        {
            Description = "The layer to clean (repeatable)",
            HelpName = "NAME",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var bbox = new Option<string>("--bbox") { Description = "The area: west,south,east,north in WGS84 degrees", HelpName = "W,S,E,N", Required = true };
        var zooms = new Option<string>("--zooms") { Description = "One zoom (15) or a range (12-16)", HelpName = "Z1-Z2", Required = true };
        var delete = new Option<bool>("--delete")
        {
            Description = "Remove the stored metatiles and cached tiles (rendered again on their next request) instead of marking them dirty (served stale while re-rendering)",
        };
        var gateway = new GatewayOptions(waitHotByDefault: false);
        var command = new Command("clean", "Expire, or with --delete remove, a layer's tiles over a box and zoom range in every tier (the tile store and the gateways' caches)")
        {
            layer,
            bbox,
            zooms,
            delete,
            gateway.Gateway,
            gateway.Token,
        };
        command.SetAction(async (parse, _) =>
        {
            string[] layers = parse.GetValue(layer) ?? [];
            foreach (string name in layers)
            {
                if (!LayerName.IsValid(name))
                {
                    throw new UsageException($"--layer '{name}' is not a layer name (1-{LayerName.MaxLength} characters of a-z, 0-9, '-', '_')");
                }
            }

            if (!BoundingBox.TryParse(parse.GetValue(bbox)!, out var box, out string? error) || !ZoomRange.TryParse(parse.GetValue(zooms)!, out var range, out error))
            {
                throw new UsageException(error!.StartsWith('-') ? error : $"--zooms {error}");
            }

            var settings = new CleanSettings(
                GatewayOptions.ResolveGateway(parse.GetValue(gateway.Gateway)),
                GatewayOptions.ResolveToken(parse.GetValue(gateway.Token)),
                [.. layers.Distinct(StringComparer.Ordinal)],
                box,
                range,
                parse.GetValue(delete));
            using var signal = signals();
            try
            {
                return await RunAsync(settings, Console.Out, Console.Error, signal.Stopping);
            }
            catch (OperationCanceledException) when (signal.Stopping.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("interrupted; the zooms reported above were applied");
                return signal.ExitCode;
            }
        });
        return command;
    }

    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(CleanSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var http = new GatewayHttp(settings.Gateway, settings.Token, TimeSpan.FromMinutes(2));
        string path = settings.Delete ? "admin/delete" : "admin/expire";
        string styles = string.Join('&', settings.Layers.Select(l => "style=" + Uri.EscapeDataString(l)));
        long total = 0, changed = 0, notStored = 0;
        for (int z = settings.Zooms.Min; z <= settings.Zooms.Max; z++)
        {
            long metatiles = CleanArea.Count(settings.Box, z), zoomChanged = 0, zoomNotStored = 0;
            foreach (var (body, _) in CleanArea.Posts(settings.Box, z, ExpireChunks.DefaultLines))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, http.Url(string.Create(CultureInfo.InvariantCulture, $"{path}?{styles}&minZoom={z}&maxZoom={z}")))
                {
                    Content = new ByteArrayContent(body),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
                var (response, failure) = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (failure is not null)
                {
                    return await FailAsync(error, http, path, z, z > settings.Zooms.Min, failure);
                }

                using (response)
                {
                    if (settings.Delete)
                    {
                        var (deleted, _, bad) = await GatewayHttp.ReadJsonAsync<DeleteResponse>(response!, Json, cancellationToken);
                        if (bad is not null)
                        {
                            return await FailAsync(error, http, path, z, z > settings.Zooms.Min, bad);
                        }

                        zoomChanged += deleted!.Deleted;
                        zoomNotStored += deleted.NotStored;
                    }
                    else
                    {
                        var (expired, _, bad) = await GatewayHttp.ReadJsonAsync<ExpireResponse>(response!, Json, cancellationToken);
                        if (bad is not null)
                        {
                            return await FailAsync(error, http, path, z, z > settings.Zooms.Min, bad);
                        }

                        zoomChanged += expired!.Dirtied;
                        zoomNotStored += expired.NotStored;
                    }
                }
            }

            total += metatiles;
            changed += zoomChanged;
            notStored += zoomNotStored;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"z{z}: {metatiles} metatiles: {zoomChanged} {(settings.Delete ? "deleted" : "marked dirty")}, {zoomNotStored} not stored"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(settings.Delete ? "deleted" : "expired")} {string.Join(", ", settings.Layers)} over {settings.Box} at z{settings.Zooms}: {total} metatiles, {changed} stored ones {(settings.Delete ? "deleted" : "marked dirty")}, {notStored} not stored (counted at scales 1 and 2)"));
        return ExitCodes.Success;
    }

    private static async Task<int> FailAsync(TextWriter error, GatewayHttp http, string path, int z, bool someApplied, GatewayError failure)
    {
        await error.WriteLineAsync($"error: POST {http.Url(path)} (z{z}): {failure.Message}");
        if (failure.StatusCode == 401)
        {
            await error.WriteLineAsync(http.HasToken ? "the admin token was refused: check --token or TILECLUSTER_ADMIN_TOKEN" : "no admin token was given: use --token or TILECLUSTER_ADMIN_TOKEN");
        }

        if (someApplied)
        {
            await error.WriteLineAsync("the zooms reported above were applied; running the command again is harmless");
        }

        return failure.ExitCode;
    }
}
