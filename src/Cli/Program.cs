using System.CommandLine;
using TileCluster.Cli.Commands;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli;

/// <summary>The <c>tilecluster</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = CreateRootCommand(() => new ShutdownSignal());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"see '{string.Join(' ', new[] { "tilecluster" }.Concat(CommandPath(parse)))} --help'");
            return ExitCodes.BadInput;
        }

        try
        {
            // Signals are handled by the commands (ShutdownSignal), not by System.CommandLine.
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand(Func<ShutdownSignal> signals)
    {
        var root = new RootCommand("TileCluster tools: post expire lists to the gateway, keep the database up to date from OSM replication, export images, run seed and export jobs, import TileStache configurations")
        {
            ExpireCommand.Create(signals),
            ReplicateCommand.Create(signals),
            ExportCommand.Create(signals),
            JobCommand.Create(signals),
            SeedCommand.Create(signals),
            CleanCommand.Create(signals),
            ConfigCommand.Create(),
        };
        return root;
    }

    private static List<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
