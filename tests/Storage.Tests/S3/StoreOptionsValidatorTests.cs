namespace TileCluster.Storage.Tests.S3;

/// <summary>A bad <c>Store</c> section stops start-up with a message naming the key and the problem.</summary>
public sealed class StoreOptionsValidatorTests
{
    [Theory]
    [InlineData("Root", "", "Store:Root: required")]
    [InlineData("S3:Bucket", "Tiles", "Store:S3:Bucket: 'Tiles' is not a bucket name")]
    [InlineData("S3:Bucket", "ab", "Store:S3:Bucket: 'ab' is not a bucket name")]
    [InlineData("S3:Bucket", "tiles-", "Store:S3:Bucket: 'tiles-' is not a bucket name")]
    [InlineData("S3:ServiceUrl", "minio:9000", "Store:S3:ServiceUrl: 'minio:9000' is not an http(s) URL")]
    [InlineData("S3:ServiceUrl", "ftp://minio", "Store:S3:ServiceUrl: 'ftp://minio' is not an http(s) URL")]
    [InlineData("S3:Region", "mars-1", "Store:S3:Region: 'mars-1' is not an AWS region (set Store:S3:ServiceUrl for another S3 server)")]
    [InlineData("S3:AccessKey", "AKIA", "Store:S3:AccessKey, Store:S3:SecretKey: set both or neither")]
    [InlineData("S3:SecretKey", "secret", "Store:S3:AccessKey, Store:S3:SecretKey: set both or neither")]
    [InlineData("S3:Prefix", "/tiles/", "Store:S3:Prefix: '/tiles/' must be at most 200 characters, not start with '/'")]
    [InlineData("S3:Timeout", "00:00:00", "Store:S3:Timeout: 00:00:00 is outside (0, 00:01:00]")]
    [InlineData("S3:Timeout", "00:02:00", "Store:S3:Timeout: 00:02:00 is outside (0, 00:01:00]")]
    [InlineData("S3:BreakDuration", "00:00:00.1", "Store:S3:BreakDuration: 00:00:00.1000000 is outside [00:00:00.5, 01:00:00]")]
    [InlineData("S3:RetryQueueLength", "0", "Store:S3:RetryQueueLength: 0 is outside 1..1000000")]
    [InlineData("S3:RetryInterval", "00:00:00.01", "Store:S3:RetryInterval: 00:00:00.0100000 is outside [00:00:00.1, 00:10:00]")]
    public async Task Validate_BadKey_NamesKeyAndProblem(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Store:S3:Bucket"] = "tiles", [$"Store:{key}"] = value };

        Assert.Contains(expected, await StoreHost.ErrorsAsync(settings));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("tiles", "http://127.0.0.1:9000")]
    [InlineData("tile.cache-01", "")]
    public async Task Validate_GoodSection_HasNoErrors(string? bucket, string? serviceUrl)
    {
        var settings = new Dictionary<string, string?> { ["Store:S3:Bucket"] = bucket, ["Store:S3:ServiceUrl"] = serviceUrl };

        Assert.Equal(string.Empty, await StoreHost.ErrorsAsync(settings));
    }

    [Fact]
    public async Task Validate_NoBucket_IgnoresOtherS3Keys()
    {
        // Without a bucket the tier is off, so a half-filled section (e.g. a secret mounted everywhere) is not an error.
        var settings = new Dictionary<string, string?> { ["Store:S3:AccessKey"] = "AKIA", ["Store:S3:Region"] = "mars-1" };

        Assert.Equal(string.Empty, await StoreHost.ErrorsAsync(settings));
    }
}
