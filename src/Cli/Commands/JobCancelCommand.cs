using System.CommandLine;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary><c>tilecluster job cancel ID</c>: asks the cluster to stop a job (<c>DELETE /jobs/{id}</c>).</summary>
internal static class JobCancelCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var server = new JobServerOptions();
        var command = new Command("cancel", "Cancel a queued or running job (it becomes 'cancelled' within seconds; a finished job is left as it is)");
        command.Arguments.Add(id);
        server.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string jobId = JobId.Check(parse.GetValue(id)!);
            var client = server.CreateClient(parse, tokenRequired: true);
            using var http = client.Http;
            var (job, cancelled, error) = await client.CancelAsync(jobId, cancellationToken);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
                return error.ExitCode;
            }

            await Console.Out.WriteLineAsync((cancelled, job!.IsFinal) switch
            {
                (false, _) => $"job {job.Id} had already ended ({job.State}); left as it is",
                (true, true) => $"job {job.Id} {job.State}",
                (true, false) => $"job {job.Id} ({job.State}): cancel requested; 'tilecluster job wait {job.Id}' shows when it stopped",
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
