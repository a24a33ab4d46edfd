using Microsoft.Extensions.Options;
using TileCluster.Storage.S3;

namespace TileCluster.Storage;

/// <summary>Checks the <c>Store</c> section; every message names the key.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Root))
        {
            errors.Add("Store:Root: required (the folder of the .meta tree)");
        }

        if (options.S3.Enabled)
        {
            ValidateS3(options.S3, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateS3(S3StoreOptions s3, List<string> errors)
    {
        // S3's bucket naming rules: 3-63 of a-z, 0-9, '.', '-', starting and ending with a letter or digit.
        string bucket = s3.Bucket;
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-') ||
            !char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            errors.Add($"Store:S3:Bucket: '{bucket}' is not a bucket name (3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit)");
        }

        if (s3.ServiceUrl.Length > 0 &&
            (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add($"Store:S3:ServiceUrl: '{s3.ServiceUrl}' is not an http(s) URL (e.g. http://minio:9000; empty for AWS)");
        }

        if (s3.ServiceUrl.Length == 0 && Amazon.RegionEndpoint.EnumerableAllRegions.All(r => r.SystemName != s3.Region))
        {
            errors.Add($"Store:S3:Region: '{s3.Region}' is not an AWS region (set Store:S3:ServiceUrl for another S3 server)");
        }

        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            errors.Add("Store:S3:Region: required (requests are signed for it; us-east-1 suits most S3-compatible servers)");
        }

        if (s3.AccessKey.Length == 0 != (s3.SecretKey.Length == 0))
        {
            errors.Add("Store:S3:AccessKey, Store:S3:SecretKey: set both or neither (neither: the AWS SDK's credential chain)");
        }

        if (s3.Prefix.Length > 200 || s3.Prefix.StartsWith('/') || s3.Prefix.Any(char.IsControl))
        {
            errors.Add($"Store:S3:Prefix: '{s3.Prefix}' must be at most 200 characters, not start with '/', and have no control characters");
        }

        if (s3.Timeout <= TimeSpan.Zero || s3.Timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Store:S3:Timeout: {s3.Timeout} is outside (0, 00:01:00]");
        }

        if (s3.BreakDuration < TimeSpan.FromMilliseconds(500) || s3.BreakDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"Store:S3:BreakDuration: {s3.BreakDuration} is outside [00:00:00.5, 01:00:00]");
        }

        if (s3.RetryQueueLength is < 1 or > 1_000_000)
        {
            errors.Add($"Store:S3:RetryQueueLength: {s3.RetryQueueLength} is outside 1..1000000");
        }

        if (s3.RetryInterval < TimeSpan.FromMilliseconds(100) || s3.RetryInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"Store:S3:RetryInterval: {s3.RetryInterval} is outside [00:00:00.1, 00:10:00]");
        }
    }
}
