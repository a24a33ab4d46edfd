using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TileCluster.Cli.Import;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Commands;

/// <summary><c>tilecluster config import FILE</c>: converts a TileStache configuration to ours.</summary>
public static class ConfigCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The TileStache configuration (JSON, e.g. tilestache.cfg)" };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the converted configuration here [default: standard output]; its relative paths are relative to this file's folder",
            HelpName = "FILE",
        };
        var vectorStyle = new Option<string?>("--vector-style")
        {
            Description = "The YAML style whose layer queries serve TileStache's vector providers (their SQL and OGR sources are not converted) [default: vector providers are not carried over]",
            HelpName = "FILE",
        };
        var import = new Command("import", "Convert a TileStache configuration to TileCluster's (Layers, Cache, Store, Index, Logging); every setting that cannot be carried over is named on standard error")
        {
            file,
            output,
            vectorStyle,
        };
        import.SetAction(async (parse, _) =>
            await ImportAsync(parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(vectorStyle), Console.Out, Console.Error));
        return new Command("config", "Work with configuration files") { import };
    }

    /// <summary>Runs <c>config import</c>; returns the exit code.</summary>
    public static async Task<int> ImportAsync(string file, string? output, string? vectorStyle, TextWriter stdout, TextWriter stderr)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e is FileNotFoundException or DirectoryNotFoundException ? $"{file}: no such file" : $"{file}: cannot read it: {e.Message}");
        }

        string target = Path.GetFullPath(output is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(output))!);
        string? style = null;
        if (vectorStyle is not null)
        {
            if (!File.Exists(vectorStyle))
            {
                throw new UsageException($"--vector-style '{vectorStyle}': no such file");
            }

            style = Path.GetRelativePath(target, Path.GetFullPath(vectorStyle)).Replace('\\', '/');
        }

        var paths = new ImportPaths(Path.GetDirectoryName(Path.GetFullPath(file))!, target);
        ImportResult result;
        try
        {
            result = new TileStacheImport(paths, style).Convert(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{file}: not a TileStache configuration: {e.Message}");
        }

        foreach (var refusal in result.Refusals)
        {
            await stderr.WriteLineAsync($"{file}:{refusal}");
        }

        var errors = ImportedConfigurationCheck.Validate(result.Configuration, target);
        if (errors.Count > 0)
        {
            foreach (string error in errors)
            {
                await stderr.WriteLineAsync($"error: the converted configuration would not start: {error}");
            }

            await stderr.WriteLineAsync("nothing was written");
            return ExitCodes.BadInput;
        }

        string json = result.Configuration.ToJsonString(Indented) + Environment.NewLine;
        if (output is null)
        {
            await stdout.WriteAsync(json);
        }
        else
        {
            await File.WriteAllTextAsync(output, json);
        }

        int layers = result.Configuration["Layers"]?.AsObject().Count ?? 0;
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{file}: converted {layers} {(layers == 1 ? "layer" : "layers")}{(output is null ? string.Empty : $" to {output}")}; {result.Refusals.Count} {(result.Refusals.Count == 1 ? "setting was" : "settings were")} not carried over"));
        return ExitCodes.Success;
    }
}
