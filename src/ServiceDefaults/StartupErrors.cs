using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.ServiceDefaults;

/// <summary>Turns configuration failures at start-up into one clear line and exit code 2, instead of a stack trace.</summary>
public static class StartupErrors
{
    /// <summary>Exit code for invalid configuration.</summary>
    public const int ConfigurationExitCode = 2;

    /// <summary>Runs the host; a configuration error is printed as <c>configuration error: …</c> and exits with 2.</summary>
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"tilecluster: configuration error: {message}");
            return ConfigurationExitCode;
        }
    }

    private static string? Describe(Exception e) => e switch
    {
        ConfigurationException c => c.Message,
        OptionsValidationException o => string.Join("; ", o.Failures),
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException!),
        InvalidOperationException i when i.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => i.Message,
        InvalidOperationException { InnerException: { } inner } => Describe(inner),
        _ => null,
    };
}
