using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TileCluster.Cli.Expire;
using TileCluster.Cli.Infrastructure;
using TileCluster.Grains.Abstractions.Expiry;

namespace TileCluster.Cli.Commands;

/// <summary>
/// <c>tilecluster expire FILE|-</c>: checks a whole osm2pgsql expire list locally, then posts it
/// to the gateway's <c>/admin/expire</c> (in chunks of whole lines when it is long).
/// </summary>
public static class ExpireCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Func<ShutdownSignal> signals)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The expire list (osm2pgsql --expire-output: one z/x/y per line), or - to read standard input",
        };
        var gateway = new GatewayOptions(waitHotByDefault: false);
        var command = new Command("expire", "Validate an osm2pgsql expire list, then mark its tiles dirty through the gateway (POST /admin/expire)");
        command.Arguments.Add(file);
        gateway.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var settings = gateway.Resolve(parse);
            return await RunAsync(parse.GetValue(file)!, settings, Console.OpenStandardInput, Console.Out, Console.Error, signals);
        });
        return command;
    }

    /// <summary>
    /// Runs the command; returns the exit code. Ctrl-C keeps its default effect while the input
    /// is read (a read from a terminal cannot be interrupted otherwise); from the first post on,
    /// <paramref name="signals"/> turns it into a clean stop that says what was applied.
    /// </summary>
    public static async Task<int> RunAsync(
        string file, GatewaySettings settings, Func<Stream> stdin, TextWriter output, TextWriter error, Func<ShutdownSignal> signals)
    {
        string name = file == "-" ? "<stdin>" : file;
        byte[] bytes;
        try
        {
            bytes = await ReadAsync(file, stdin);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e is FileNotFoundException or DirectoryNotFoundException ? $"{file}: no such file" : $"{file}: cannot read it: {e.Message}");
        }

        var list = ExpireList.Parse(bytes);
        if (!list.IsValid)
        {
            foreach (var lineError in list.Errors)
            {
                await error.WriteLineAsync($"{name}:{lineError.Line}: {lineError.Reason}");
            }

            if (list.ErrorCount > list.Errors.Count)
            {
                await error.WriteLineAsync($"{name}: and {list.ErrorCount - list.Errors.Count} more malformed lines");
            }

            await error.WriteLineAsync($"{name}: {list.ErrorCount} malformed {(list.ErrorCount == 1 ? "line" : "lines")} of {list.Lines}; nothing was sent");
            return ExitCodes.BadInput;
        }

        if (list.Tiles.Count == 0)
        {
            await output.WriteLineAsync($"{name}: no tiles in {list.Lines} lines; nothing was sent");
            return ExitCodes.Success;
        }

        using var signal = signals();
        var cancellationToken = signal.Stopping;
        using var client = new GatewayClient(settings.Gateway, settings.Token, settings.Query.RequestTimeout);
        var totals = new ExpireTotals();
        var watch = Stopwatch.StartNew();
        var chunks = ExpireChunks.Split(bytes, settings.ChunkLines).ToList();
        foreach (var chunk in chunks)
        {
            ExpirePostResult result;
            try
            {
                result = await client.PostAsync(chunk.Body, settings.Query, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"interrupted{Applied(chunks, chunk, failedMayBeApplied: true)}");
                return signal.ExitCode;
            }

            if (result.Outcome == ExpireOutcome.Delivered)
            {
                totals.Add(result.Response!, result.SentAt, DateTimeOffset.UtcNow);
                continue;
            }

            await error.WriteLineAsync($"error: POST {client.Endpoint}: {result.Message}");
            foreach (var line in result.Problem?.Errors ?? [])
            {
                await error.WriteLineAsync($"{name}:{chunk.FirstLine - 1 + line.Line}: {line.Reason}");
            }

            string? hint = result.Outcome switch
            {
                ExpireOutcome.Unauthorized => client.HasToken ? "the admin token was refused: check --token or TILECLUSTER_ADMIN_TOKEN" : "no admin token was given: use --token or TILECLUSTER_ADMIN_TOKEN",
                ExpireOutcome.TooLarge => "the list is over the gateway's limit: a smaller --chunk-lines posts it in smaller pieces",
                ExpireOutcome.Unavailable => "nothing of this request is guaranteed applied; run the command again (expiring twice is harmless)",
                _ => null,
            };
            if (hint is not null)
            {
                await error.WriteLineAsync(hint);
            }

            if (Applied(chunks, chunk, failedMayBeApplied: result.Outcome == ExpireOutcome.Unavailable) is { Length: > 0 } applied)
            {
                await error.WriteLineAsync(applied.TrimStart(';', ' '));
            }

            return result.Outcome switch
            {
                ExpireOutcome.Unauthorized => ExitCodes.Unauthorized,
                ExpireOutcome.BadRequest or ExpireOutcome.TooLarge or ExpireOutcome.Refused => ExitCodes.BadInput,
                _ => ExitCodes.Failure,
            };
        }

        await output.WriteLineAsync(totals.Summary(watch.Elapsed));
        return ExitCodes.Success;
    }

    private static string Applied(List<ExpireChunk> chunks, ExpireChunk failed, bool failedMayBeApplied)
    {
        int index = chunks.IndexOf(failed);
        if (index <= 0)
        {
            return string.Empty;
        }

        int lastApplied = failed.FirstLine - 1;
        return string.Create(CultureInfo.InvariantCulture, $"; lines 1-{lastApplied} ({index} of {chunks.Count} requests) were applied; {(failedMayBeApplied ? "the rest may be partly applied" : "the rest was not")}");
    }

    private static async Task<byte[]> ReadAsync(string file, Func<Stream> stdin)
    {
        if (file != "-")
        {
            return await File.ReadAllBytesAsync(file);
        }

        await using var input = stdin();
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
