using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace TileCluster.Tests.Shared;

/// <summary>
/// A real S3-API server on a free loopback port: s3rver from npm (<c>tools/s3rver</c>, installed by
/// <c>scripts/setup.sh --for-tests</c>), with one bucket and its objects in a folder of its own.
/// Tests stop and start it to see the S3 store tier ride out an outage; objects survive a restart.
/// </summary>
internal sealed class S3Server : IAsyncDisposable
{
    /// <summary>The bucket the server creates at start-up.</summary>
    public const string Bucket = "tiles";

    /// <summary>s3rver's fixed credentials; it checks request signatures against them.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>s3rver's fixed secret.</summary>
    public const string SecretKey = "S3RVER";

    private readonly string _directory;
    private ServerProcess? _process;

    private S3Server(int port, string directory) => (Port, _directory) = (port, directory);

    public int Port { get; }

    /// <summary><c>Store:S3:ServiceUrl</c>: <c>http://127.0.0.1:port</c>.</summary>
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The <c>Store:S3</c> keys for this server, as configuration keys under <paramref name="prefix"/>.</summary>
    public Dictionary<string, string?> Settings(string prefix = "Store:S3:") => new()
    {
        [$"{prefix}Bucket"] = Bucket,
        [$"{prefix}ServiceUrl"] = ServiceUrl,
        [$"{prefix}AccessKey"] = AccessKey,
        [$"{prefix}SecretKey"] = SecretKey,
    };

    private static string Script => Path.Combine(RepositoryPaths.Root, "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");

    public static async Task<S3Server> StartAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"tilecluster-s3-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var server = new S3Server(Loopback.FreePort(), directory);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder: what it stored before is still there.</summary>
    public async Task RestartAsync()
    {
        if (!File.Exists(Script))
        {
            throw new InvalidOperationException($"{Script} is missing: run scripts/setup.sh --for-tests (npm ci in tools/s3rver)");
        }

        _process?.Dispose();
        _process = await ServerProcess.StartAsync(
            "s3rver",
            "node",
            [
                Script, "--directory", _directory, "--address", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture),
                "--silent", "--no-vhost-buckets", "--configure-bucket", Bucket,
            ],
            Port,
            "apt-get install nodejs");
    }

    /// <summary>A client of this server, to look at what the store put there.</summary>
    public AmazonS3Client Client() => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config { ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    /// <summary>The user metadata of an object, or null when there is no such object (or the server is down).</summary>
    public async Task<MetadataCollection?> MetadataAsync(string key)
    {
        using var client = Client();
        try
        {
            return (await client.GetObjectMetadataAsync(Bucket, key)).Metadata;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Kills the server: connections to it break and new ones are refused.</summary>
    public Task StopAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
