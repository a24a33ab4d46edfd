using System.CommandLine;
using System.Globalization;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary><c>tilecluster job list</c>: the gateway's jobs, newest first (<c>GET /jobs</c>).</summary>
internal static class JobListCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var server = new JobServerOptions();
        var limit = new Option<string?>("--limit") { Description = "At most this many jobs, 1..1000 [default: 100]", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the gateway's answer as it is" };
        var command = new Command("list", "List the jobs, newest first, with their state and progress");
        server.AddTo(command);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            int count = 100;
            if (parse.GetValue(limit) is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 1000))
            {
                throw new UsageException($"--limit '{text}' is not a whole number within 1..1000");
            }

            var client = server.CreateClient(parse, tokenRequired: false);
            using var http = client.Http;
            var (list, document, error) = await client.ListAsync(count, cancellationToken);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return error.ExitCode;
            }

            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(document);
            }
            else if (list!.Jobs.Count == 0)
            {
                await Console.Out.WriteLineAsync("no jobs");
            }
            else
            {
                foreach (string line in JobText.Table(list.Jobs))
                {
                    await Console.Out.WriteLineAsync(line);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
