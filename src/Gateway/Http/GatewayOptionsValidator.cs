using Microsoft.Extensions.Options;

namespace TileCluster.Gateway.Http;

/// <summary>Checks the <c>Http</c> section; every message names the setting.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        int previous = -1;
        for (int i = 0; i < options.CacheControl.Count; i++)
        {
            var rule = options.CacheControl[i];
            if (rule.MaxZoom <= previous)
            {
                errors.Add($"Http:CacheControl:{i}:MaxZoom: {rule.MaxZoom} must be above the previous rule's {previous}");
            }

            if (rule.MaxAge < TimeSpan.Zero)
            {
                errors.Add($"Http:CacheControl:{i}:MaxAge: must not be negative");
            }

            previous = rule.MaxZoom;
        }

        if (options.DirtyMaxAge < TimeSpan.Zero)
        {
            errors.Add("Http:DirtyMaxAge: must not be negative");
        }

        if (options.StaleWhileRevalidate < TimeSpan.Zero)
        {
            errors.Add("Http:StaleWhileRevalidate: must not be negative");
        }

        if (options.MaxPathLength is < 32 or > 4096)
        {
            errors.Add($"Http:MaxPathLength: {options.MaxPathLength} is outside 32..4096");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Http:RequestTimeout: must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
