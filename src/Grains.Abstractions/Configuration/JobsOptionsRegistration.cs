using Microsoft.Extensions.DependencyInjection;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>Registers the <c>Jobs</c> section, read by silos (where outputs are written) and gateways (where they are served).</summary>
public static class JobsOptionsRegistration
{
    /// <summary>Binds and validates <see cref="JobsOptions"/>; idempotent.</summary>
    public static IServiceCollection AddJobsOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(JobsOptionsMarker)))
        {
            return services;
        }

        services.AddSingleton<JobsOptionsMarker>();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Jobs:Root is required")
            .Validate(o => o.Concurrency is >= 1 and <= 256, "Jobs:Concurrency must be within 1..256")
            .Validate(o => o.Retention > TimeSpan.Zero && o.RetentionCheckPeriod > TimeSpan.Zero, "Jobs:Retention and Jobs:RetentionCheckPeriod must be positive")
            .Validate(o => o.QuotaBytes >= 0, "Jobs:QuotaBytes must not be negative")
            .Validate(o => o.MaxMetatiles >= 1, "Jobs:MaxMetatiles must be at least 1")
            .Validate(o => o.StripHeightPx is >= 16 and <= 65535, "Jobs:StripHeightPx must be within 16..65535")
            .Validate(o => o.StripsInFlight is >= 1 and <= 64, "Jobs:StripsInFlight must be within 1..64")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Marks the section as registered.</summary>
    private sealed class JobsOptionsMarker;
}
