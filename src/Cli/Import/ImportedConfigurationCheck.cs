using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Storage.Caches;

namespace TileCluster.Cli.Import;

/// <summary>
/// Loads a converted configuration the way the gateway and silos do (binding and the same
/// validators) so an import never writes a file they would refuse at start-up.
/// </summary>
internal static class ImportedConfigurationCheck
{
    /// <summary>The validators' messages; empty when the configuration would start.</summary>
    /// <param name="configuration">The converted configuration.</param>
    /// <param name="baseDirectory">The folder the configuration file will live in (relative paths resolve against it).</param>
    public static IReadOnlyList<string> Validate(JsonObject configuration, string baseDirectory)
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(configuration.ToJsonString()));
        var built = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("BaseDirectory", baseDirectory)])
            .AddJsonStream(json)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(built);
        services.AddOptions<OrleansClusterOptions>().BindConfiguration(OrleansClusterOptions.Section);
        services.AddLayersOptions();
        services.AddTileCaches();
        using var provider = services.BuildServiceProvider();
        var errors = new List<string>();
        Collect(() => _ = provider.GetRequiredService<IOptions<LayersOptions>>().Value, errors);
        Collect(() => _ = provider.GetRequiredService<IOptions<CacheOptions>>().Value, errors);
        return errors;
    }

    private static void Collect(Action load, List<string> errors)
    {
        try
        {
            load();
        }
        catch (OptionsValidationException e)
        {
            errors.AddRange(e.Failures);
        }
        catch (InvalidOperationException e)
        {
            // Binding failed: a value of the wrong type.
            errors.Add(e.Message);
        }
    }
}
