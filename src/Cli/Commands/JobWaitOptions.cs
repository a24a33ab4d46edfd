using System.CommandLine;
using Spectre.Console;
using TileCluster.Cli.Infrastructure;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary>How a command that waits for a job shows it: --plain and --interval.</summary>
internal sealed class JobWaitOptions
{
    /// <summary>--plain.</summary>
    public Option<bool> Plain { get; } = new("--plain")
    {
        Description = "A time-stamped line per change instead of live progress bars (always so when the output is not a terminal)",
    };

    /// <summary>--interval DURATION.</summary>
    public Option<string?> Interval { get; } = new("--interval")
    {
        Description = "How often to ask the gateway for the job's status [default: 1s]",
        HelpName = "DURATION",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Plain);
        command.Options.Add(Interval);
    }

    /// <summary>The poll interval; a bad one is a <see cref="UsageException"/>.</summary>
    public TimeSpan ResolveInterval(ParseResult parse)
    {
        if (parse.GetValue(Interval) is not { } text)
        {
            return JobWatcher.DefaultInterval;
        }

        return Durations.TryParse(text, out var interval, out string? error)
            ? interval
            : throw new UsageException($"--interval {error}");
    }

    /// <summary>
    /// Live bars when stdout is an interactive terminal that takes ANSI codes and --plain is not
    /// given; plain lines on stdout otherwise.
    /// </summary>
    public IJobProgressView CreateView(ParseResult parse)
    {
        if (!parse.GetValue(Plain) && !Console.IsOutputRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            if (console.Profile.Capabilities is { Interactive: true, Ansi: true })
            {
                return new LiveJobProgress(console);
            }
        }

        return new PlainJobProgress(ConsoleLog.Console);
    }
}
