using System.CommandLine;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary><c>tilecluster job submit</c>: starts a seed or export job over a box and a zoom range (<c>POST /jobs</c>).</summary>
internal static class JobSubmitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Func<ShutdownSignal> signals)
    {
        var server = new JobServerOptions();
        var spec = new JobSpecOptions(withKind: true);
        var wait = new JobWaitOptions();
        var waitFlag = new Option<bool>("--wait") { Description = "Then show its progress until it ends, like 'job wait'" };
        var json = new Option<bool>("--json") { Description = "Print the gateway's status document instead of a summary" };
        var command = new Command("submit", "Start a job: seed the tile store, or export tile trees, MBTiles, zips or per-zoom images, over a box and a zoom range");
        server.AddTo(command);
        spec.AddTo(command);
        command.Options.Add(waitFlag);
        wait.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, _) =>
        {
            var jobSpec = spec.Resolve(parse);
            var interval = wait.ResolveInterval(parse);
            var client = server.CreateClient(parse, tokenRequired: true);
            using var http = client.Http;
            var view = parse.GetValue(waitFlag) ? wait.CreateView(parse) : null;
            return await RunAsync(client, jobSpec, view, interval, parse.GetValue(json), Console.Out, Console.Error, signals);
        });
        return command;
    }

    /// <summary>Submits <paramref name="spec"/>, then, given a <paramref name="view"/>, waits for the job; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        JobsClient client, JobSpec spec, IJobProgressView? view, TimeSpan interval, bool json, TextWriter stdout, TextWriter stderr, Func<ShutdownSignal> signals)
    {
        JobStatus? job;
        string? document;
        using (var signal = signals())
        {
            try
            {
                (job, document, var error) = await client.SubmitAsync(spec, signal.Stopping);
                if (error is not null)
                {
                    await stderr.WriteLineAsync($"error: {error.Message}");
                    if (error.ExitCode == ExitCodes.Unauthorized)
                    {
                        await stderr.WriteLineAsync("the admin token was refused: check --token or TILECLUSTER_ADMIN_TOKEN");
                    }

                    return error.ExitCode;
                }
            }
            catch (OperationCanceledException) when (signal.Stopping.IsCancellationRequested)
            {
                await stderr.WriteLineAsync("interrupted; the job may have been created ('tilecluster job list' shows it)");
                return signal.ExitCode;
            }
        }

        if (json)
        {
            await stdout.WriteLineAsync(document);
        }
        else
        {
            string status = job!.StatusUrl is { Length: > 0 } url ? client.Http.Url(url).AbsoluteUri : client.Http.Url($"/jobs/{job.Id}/status.json").AbsoluteUri;
            await stdout.WriteLineAsync($"submitted job {job.Id} ({job.State}): {status}");
        }

        await stdout.FlushAsync();
        return view is null
            ? ExitCodes.Success
            : await JobWaitCommand.RunAsync(client, job!.Id, view, interval, stdout, stderr, signals);
    }
}
