using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using TileCluster.Cli.Export;
using TileCluster.Cli.Http;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Commands;

/// <summary>
/// <c>tilecluster export</c>: one exact rectangle of the map as one image file, from the
/// gateway's <c>GET /{style}/export</c> (rendered on the silos).
/// </summary>
internal static class ExportCommand
{
    /// <summary>How long one export may take: the gateway's Export:RequestTimeout (2 min by default), queueing included, and the download.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Builds the command.</summary>
    public static Command Create(Func<ShutdownSignal> signals)
    {
        var gateway = new Option<string?>("--gateway") { Description = $"The gateway's base URL [default: $TILECLUSTER_GATEWAY, else {GatewayOptions.DefaultGateway}]", HelpName = "URL" };
        var style = new Option<string>("--style") { Description = "The style", HelpName = "NAME", DefaultValueFactory = _ => "osm" };
        var bbox = new Option<string?>("--bbox") { Description = "The rectangle: west,south,east,north in WGS84 degrees", HelpName = "W,S,E,N" };
        var zoom = new Option<string?>("--zoom") { Description = "Web-map zoom (256 px tiles), fractions allowed", HelpName = "Z" };
        var scale = new Option<string?>("--scale") { Description = "Scale denominator at the OGC 0.28 mm pixel, e.g. 25000", HelpName = "N" };
        var width = new Option<string?>("--width") { Description = "Width in pixels (the height follows the box)", HelpName = "PX" };
        var height = new Option<string?>("--height") { Description = "Height in pixels (with --width: fit inside both)", HelpName = "PX" };
        var format = new Option<string?>("--format") { Description = "png, jpeg, pdf, svg or geotiff [default: from -o's extension, else png]", HelpName = "FORMAT" };
        var dpi = new Option<string?>("--dpi") { Description = "PDF and SVG page size: pixels / dpi inches [default: 96]", HelpName = "N" };
        var scale2x = new Option<bool>("--scale2x") { Description = "Twice the pixels, line widths and text at the same zoom (like @2x tiles)" };
        var noAttribution = new Option<bool>("--no-attribution") { Description = "Leave out \"© OpenStreetMap contributors\"" };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write [default: the name the gateway suggests, in the current directory]", HelpName = "FILE" };
        var command = new Command("export", "Render one exact rectangle of the map as one image (GET /{style}/export) and write it to a file")
        {
            gateway, style, bbox, zoom, scale, width, height, format, dpi, scale2x, noAttribution, output,
        };
        command.SetAction(async (parse, _) =>
        {
            var arguments = ExportArguments.Create(
                parse.GetValue(style)!, parse.GetValue(bbox), parse.GetValue(zoom), parse.GetValue(scale), parse.GetValue(width), parse.GetValue(height),
                parse.GetValue(format), parse.GetValue(dpi), parse.GetValue(scale2x), parse.GetValue(noAttribution), parse.GetValue(output));
            var gatewayUrl = GatewayOptions.ResolveGateway(parse.GetValue(gateway));
            return await RunAsync(arguments, gatewayUrl, parse.GetValue(output), Console.Out, Console.Error, signals);
        });
        return command;
    }

    /// <summary>Runs the export; returns the exit code.</summary>
    public static async Task<int> RunAsync(ExportArguments arguments, Uri gateway, string? output, TextWriter stdout, TextWriter stderr, Func<ShutdownSignal> signals)
    {
        string? directory = output is null ? null : Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new UsageException($"-o '{output}': the folder {directory} does not exist");
        }

        using var signal = signals();
        using var http = new GatewayHttp(gateway, token: null, RequestTimeout);
        var url = http.Url(arguments.PathAndQuery());
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        try
        {
            var (response, error) = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, signal.Stopping);
            if (error is not null)
            {
                await stderr.WriteLineAsync($"error: GET {url}: {error.Message}");
                if (error.StatusCode == 413)
                {
                    await stderr.WriteLineAsync("a smaller --bbox or zoom fits the limits; larger areas are for jobs (tilecluster job submit)");
                }
                else if (error.RetryAfter is { } retryAfter)
                {
                    await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"the gateway asks to try again in {Math.Max(1, retryAfter.TotalSeconds):0} s"));
                }

                return error.ExitCode;
            }

            using (response!)
            {
                string file = output ?? SuggestedName(response!.Content.Headers.ContentDisposition, arguments);
                long bytes = await WriteAsync(response!, file, signal.Stopping);
                string type = response!.Content.Headers.ContentType?.MediaType ?? "unknown type";
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {file}: {type}, {bytes} bytes in {Durations.Format(watch.Elapsed)}"));
                return ExitCodes.Success;
            }
        }
        catch (OperationCanceledException) when (signal.Stopping.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("interrupted; nothing was written");
            return signal.ExitCode;
        }
        catch (Exception e) when (e is HttpRequestException or HttpIOException)
        {
            await stderr.WriteLineAsync($"error: GET {url}: the download broke off: {e.Message}; nothing was written");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: cannot write {output ?? "the file"}: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>
    /// The file name from <c>Content-Disposition</c>, reduced to a plain name in the current
    /// directory (never a path the server chose); without one, <c>STYLE-export.EXT</c>.
    /// </summary>
    public static string SuggestedName(ContentDispositionHeaderValue? disposition, ExportArguments arguments)
    {
        string? suggested = (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"');
        string name = suggested is null ? string.Empty : Path.GetFileName(suggested.Replace('\\', '/'));
        return name.Length == 0 || name.StartsWith('.') || name.Any(c => char.IsControl(c))
            ? $"{arguments.Style}-export.{arguments.Extension}"
            : name;
    }

    // Through FILE.part, renamed when complete, so an interrupted download never leaves a file that looks whole.
    private static async Task<long> WriteAsync(HttpResponseMessage response, string file, CancellationToken cancellationToken)
    {
        string partial = file + ".part";
        try
        {
            long bytes;
            await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await body.CopyToAsync(target, cancellationToken);
                bytes = target.Length;
            }

            File.Move(partial, file, overwrite: true);
            return bytes;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
