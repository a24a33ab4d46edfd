using System.CommandLine;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Commands;

/// <summary>
/// <c>tilecluster seed</c>: fills the tile store over a box and a zoom range, like renderd's
/// <c>render_list</c> or <c>tilestache-seed</c>: a seed job submitted and waited for.
/// </summary>
internal static class SeedCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Func<ShutdownSignal> signals)
    {
        var server = new JobServerOptions();
        var spec = new JobSpecOptions(withKind: false);
        var wait = new JobWaitOptions();
        var command = new Command("seed", "Render a box over a zoom range into the tile store (a seed job, waited for); exit 0 when done");
        server.AddTo(command);
        spec.AddTo(command);
        wait.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var jobSpec = spec.Resolve(parse, kind: "seed");
            var interval = wait.ResolveInterval(parse);
            var client = server.CreateClient(parse, tokenRequired: true);
            using var http = client.Http;
            return await JobSubmitCommand.RunAsync(client, jobSpec, wait.CreateView(parse), interval, json: false, Console.Out, Console.Error, signals);
        });
        return command;
    }
}
