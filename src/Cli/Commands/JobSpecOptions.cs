using System.CommandLine;
using TileCluster.Cli.Jobs;

namespace TileCluster.Cli.Commands;

/// <summary>The options that make a job's spec (<c>job submit</c>; <c>seed</c> has all but --kind and --output).</summary>
internal sealed class JobSpecOptions(bool withKind)
{
    /// <summary>--style NAME.</summary>
    public Option<string> Style { get; } = new("--style") { Description = "The style", HelpName = "NAME", DefaultValueFactory = _ => "osm" };

    /// <summary>--bbox W,S,E,N.</summary>
    public Option<string?> Bbox { get; } = new("--bbox") { Description = "The area: west,south,east,north in WGS84 degrees", HelpName = "W,S,E,N" };

    /// <summary>--zoom Z or Z1-Z2.</summary>
    public Option<string?> Zoom { get; } = new("--zoom") { Description = "One zoom (15) or a range (12-17), inside the style's zooms", HelpName = "Z1-Z2" };

    /// <summary>--kind seed|export.</summary>
    public Option<string?> Kind { get; } = new("--kind") { Description = "seed (fill the tile store) or export (produce --output files)", HelpName = "KIND" };

    /// <summary>--output KIND (repeatable).</summary>
    public Option<string[]> Output { get; } = new("--output")
    {
        Description = $"What an export produces (repeatable): {string.Join(", ", JobSpec.OutputKinds)}",
        HelpName = "KIND",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>--name TEXT.</summary>
    public Option<string?> Name { get; } = new("--name") { Description = $"A label for the job list (at most {JobSpec.MaxNameLength} characters)", HelpName = "TEXT" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Style);
        command.Options.Add(Bbox);
        command.Options.Add(Zoom);
        if (withKind)
        {
            command.Options.Add(Kind);
            command.Options.Add(Output);
        }

        command.Options.Add(Name);
    }

    /// <summary>The spec; <c>seed</c> passes its kind, <c>job submit</c> takes --kind.</summary>
    public JobSpec Resolve(ParseResult parse, string? kind = null) => JobSpec.Create(
        parse.GetValue(Style)!,
        parse.GetValue(Bbox),
        parse.GetValue(Zoom),
        kind ?? parse.GetValue(Kind),
        withKind ? parse.GetValue(Output) ?? [] : [],
        parse.GetValue(Name));
}
