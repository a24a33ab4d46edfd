using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.S3;

/// <summary>
/// The bucket's metatile objects: one object per <c>.meta</c> file, keyed by mod_tile's hashed path
/// under <c>Store:S3:Prefix</c>, its render time as user metadata (<c>x-amz-meta-mtime</c>, Unix
/// seconds). An object's mtime cannot be moved back the way mod_tile marks a file dirty, so a dirty
/// mark is a second, empty object beside it (<c>….meta.dirty</c>) that the next upload removes:
/// cheaper than rewriting a large object, and only GET, HEAD, PUT and DELETE of single objects are
/// used, which every S3-compatible server implements. Every call runs behind a timeout and a circuit
/// breaker (Polly): a failing S3 costs at most one <c>Timeout</c>, then is skipped for
/// <c>BreakDuration</c> and its calls throw <see cref="BrokenCircuitException"/> at once.
/// </summary>
internal sealed partial class S3MetatileBucket : IDisposable
{
    /// <summary>The user metadata key that carries the mod_tile mtime.</summary>
    public const string MtimeMetadata = "x-amz-meta-mtime";

    /// <summary>Appended to a metatile's key for its dirty mark.</summary>
    public const string DirtySuffix = ".dirty";

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();

    public S3MetatileBucket(IOptions<StoreOptions> options, TimeProvider time, ILogger<S3MetatileBucket> logger)
    {
        var s3 = options.Value.S3;
        _bucket = s3.Bucket;
        _prefix = s3.Prefix;
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,

            // One quick retry inside the SDK; the write queue retries for longer, and a read that fails renders instead.
            MaxErrorRetry = 1,
            Timeout = s3.Timeout,

            // Checksums only where S3 requires them: some S3-compatible servers do not take the SDK's
            // default aws-chunked uploads with trailing checksums. The .meta index is checked on every read.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }
        else
        {
            config.ServiceURL = s3.ServiceUrl;
        }

        _client = string.IsNullOrEmpty(s3.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
        _pipeline = TierPipeline.Build(time, s3.BreakDuration, s3.Timeout, _state, (seconds, reason) => LogOpened(logger, seconds, reason), () => LogClosed(logger));
    }

    /// <summary>Whether S3 is being skipped after failures (its circuit is open).</summary>
    public bool IsSkipped => TierPipeline.IsOpen(_state);

    /// <summary>The object key of a metatile: <c>{Prefix}{style}/{z}/{h4}/{h3}/{h2}/{h1}/{h0}.meta</c>.</summary>
    public string KeyOf(MetatileKey key) => _prefix + MetaPath.Relative(key.StorageName, key.Metatile);

    /// <summary>The key of a metatile's dirty mark.</summary>
    public string MarkerOf(MetatileKey key) => KeyOf(key) + DirtySuffix;

    /// <summary>Reads a whole metatile object, and its dirty mark; null when there is no object.</summary>
    public ValueTask<S3Metatile?> GetAsync(MetatileKey key, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static async (state, token) =>
        {
            // Both at once: a read from S3 costs one round trip.
            var marker = state.Self.ExistsAsync(state.Marker, token);
            var meta = state.Self.ReadAsync(state.Key, token);
            await Task.WhenAll(marker, meta);
            return meta.Result is { } found && marker.Result is not null ? found with { Mtime = DirtyRule.ExpiredMtime } : meta.Result;
        }, (Self: this, Key: KeyOf(key), Marker: MarkerOf(key)), cancellationToken);

    /// <summary>When a metatile object was rendered; null when there is none.</summary>
    public ValueTask<DateTimeOffset?> StatAsync(MetatileKey key, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static async (state, token) => await state.Self.ExistsAsync(state.Key, token), (Self: this, Key: KeyOf(key)), cancellationToken);

    /// <summary>
    /// Writes a whole <c>.meta</c> file with its render time (S3 replaces an object atomically), then
    /// sets or clears its dirty mark. In that order: a failure in between leaves a new metatile
    /// marked dirty (one needless re-render), never an old one looking fresh.
    /// </summary>
    public ValueTask PutAsync(MetatileKey key, byte[] meta, DateTimeOffset mtime, bool dirty, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static async (state, token) =>
        {
            var request = new PutObjectRequest
            {
                BucketName = state.Self._bucket,
                Key = state.Key,
                InputStream = new MemoryStream(state.Meta, writable: false),
                ContentType = "application/octet-stream",
                UseChunkEncoding = false,
            };
            request.Metadata[MtimeMetadata] = Seconds(state.Mtime);
            await state.Self._client.PutObjectAsync(request, token);
            if (state.Dirty)
            {
                await state.Self.PutMarkerAsync(state.Marker, token);
            }
            else
            {
                await state.Self._client.DeleteObjectAsync(state.Self._bucket, state.Marker, token);
            }
        }, (Self: this, Key: KeyOf(key), Marker: MarkerOf(key), Meta: meta, Mtime: mtime, Dirty: dirty), cancellationToken);

    /// <summary>Marks a stored metatile object dirty; false when there is no such object (and nothing is marked).</summary>
    public ValueTask<bool> MarkDirtyAsync(MetatileKey key, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static async (state, token) =>
        {
            if (await state.Self.ExistsAsync(state.Key, token) is null)
            {
                return false;
            }

            await state.Self.PutMarkerAsync(state.Marker, token);
            return true;
        }, (Self: this, Key: KeyOf(key), Marker: MarkerOf(key)), cancellationToken);

    /// <summary>Removes a metatile object and its dirty mark; absent is fine (S3 answers 204 either way).</summary>
    public ValueTask DeleteAsync(MetatileKey key, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static async (state, token) =>
        {
            await state.Self._client.DeleteObjectAsync(state.Self._bucket, state.Key, token);
            await state.Self._client.DeleteObjectAsync(state.Self._bucket, state.Marker, token);
        }, (Self: this, Key: KeyOf(key), Marker: MarkerOf(key)), cancellationToken);

    /// <summary>GET of a metatile object, or null when absent.</summary>
    private async Task<S3Metatile?> ReadAsync(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, objectKey, cancellationToken);
            using var body = new MemoryStream(response.ContentLength is > 0 and < int.MaxValue ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(body, cancellationToken);
            return new S3Metatile(body.ToArray(), MtimeOf(response.Metadata, response.LastModified));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>HEAD of one object: its mtime, or null when absent.</summary>
    private async Task<DateTimeOffset?> ExistsAsync(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectMetadataAsync(_bucket, objectKey, cancellationToken);
            return MtimeOf(response.Metadata, response.LastModified);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task PutMarkerAsync(string marker, CancellationToken cancellationToken) =>
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = marker, ContentBody = string.Empty, UseChunkEncoding = false }, cancellationToken);

    public void Dispose() => _client.Dispose();

    /// <summary>The mtime metadata, or the object's own time when it has none (an object another tool uploaded).</summary>
    private static DateTimeOffset MtimeOf(MetadataCollection metadata, DateTime? lastModified) =>
        long.TryParse(metadata[MtimeMetadata], NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : AsUtc(lastModified ?? DateTime.UnixEpoch);

    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    private static string Seconds(DateTimeOffset mtime) => mtime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "S3 store is failing ({Reason}); reads skip it and writes queue for {Seconds:F1} s")]
    private static partial void LogOpened(ILogger logger, double seconds, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "S3 store answers again")]
    private static partial void LogClosed(ILogger logger);
}
