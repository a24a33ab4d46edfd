using System.CommandLine;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary><c>tilecluster job status ID</c>: one job's status document, as text or as it is.</summary>
internal static class JobStatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var server = new JobServerOptions();
        var json = new Option<bool>("--json") { Description = "Print the status document as the gateway gives it" };
        var command = new Command("status", "Show a job: its spec, state, progress, times, outputs and errors");
        command.Arguments.Add(id);
        server.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string jobId = JobId.Check(parse.GetValue(id)!);
            var client = server.CreateClient(parse, tokenRequired: false);
            using var http = client.Http;
            var (job, document, error) = await client.StatusAsync(jobId, cancellationToken);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return error.ExitCode;
            }

            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(document);
            }
            else
            {
                foreach (string line in JobText.Details(job!, http.Gateway))
                {
                    await Console.Out.WriteLineAsync(line);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
