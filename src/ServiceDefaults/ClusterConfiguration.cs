using Microsoft.Extensions.Configuration;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.ServiceDefaults;

/// <summary>Reads the <c>Cluster</c> section for the Orleans builders, which need it before the host exists.</summary>
public static class ClusterConfiguration
{
    /// <summary>The bound and checked settings; throws <see cref="ConfigurationException"/> naming every bad key.</summary>
    public static OrleansClusterOptions Read(IConfiguration configuration, bool silo)
    {
        OrleansClusterOptions options;
        try
        {
            options = configuration.GetSection(OrleansClusterOptions.Section).Get<OrleansClusterOptions>() ?? new OrleansClusterOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key in the outer message and the reason in the inner one.
            throw new ConfigurationException(e.InnerException is { } reason ? $"{e.Message} {reason.Message}" : e.Message, e);
        }

        var problems = options.Validate(silo);
        return problems.Count == 0 ? options : throw new ConfigurationException(string.Join("; ", problems));
    }
}
