using System.CommandLine;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary><c>tilecluster job wait ID</c>: follows a job until it ends; the exit code says how it ended.</summary>
internal static class JobWaitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Func<ShutdownSignal> signals)
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var server = new JobServerOptions();
        var wait = new JobWaitOptions();
        var command = new Command("wait", "Show a job's progress until it ends; exit 0 when done, 5 when it failed, 6 when it was cancelled");
        command.Arguments.Add(id);
        server.AddTo(command);
        wait.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            string jobId = JobId.Check(parse.GetValue(id)!);
            var interval = wait.ResolveInterval(parse);
            var client = server.CreateClient(parse, tokenRequired: false);
            using var http = client.Http;
            return await RunAsync(client, jobId, wait.CreateView(parse), interval, Console.Out, Console.Error, signals);
        });
        return command;
    }

    /// <summary>Waits for job <paramref name="id"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        JobsClient client, string id, IJobProgressView view, TimeSpan interval, TextWriter stdout, TextWriter stderr, Func<ShutdownSignal> signals)
    {
        using var signal = signals();
        var watcher = new JobWatcher(client, interval, TimeProvider.System);
        try
        {
            var (job, error) = await watcher.WaitAsync(id, view, signal.Stopping);
            if (error is not null)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
                return error.ExitCode;
            }

            foreach (string line in JobText.Ended(job!, client.Http.Gateway))
            {
                await stdout.WriteLineAsync(line);
            }

            return job!.State switch
            {
                "done" => ExitCodes.Success,
                "cancelled" => ExitCodes.JobCancelled,
                _ => ExitCodes.JobFailed,
            };
        }
        catch (OperationCanceledException) when (signal.Stopping.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"stopped waiting; job {id} goes on in the cluster ('tilecluster job cancel {id}' stops it)");
            return signal.ExitCode;
        }
    }
}
