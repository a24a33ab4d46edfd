using System.CommandLine;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Commands;

/// <summary><c>tilecluster job</c>: the gateway's jobs API (<c>/jobs</c>) from the command line.</summary>
internal static class JobCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(Func<ShutdownSignal> signals) => new("job", "Seed and export jobs over a box and a zoom range, run by the cluster: submit, list, status, wait, cancel")
    {
        JobSubmitCommand.Create(signals),
        JobListCommand.Create(),
        JobStatusCommand.Create(),
        JobWaitCommand.Create(signals),
        JobCancelCommand.Create(),
    };
}
