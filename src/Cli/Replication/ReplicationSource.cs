using System.Net;
using System.Net.Http.Headers;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Replication;

/// <summary>A replication source failed in a way that may pass (network, a sequence not published yet, a half-written file).</summary>
public sealed class ReplicationSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplicationSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplicationSourceException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplicationSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Where diffs come from, laid out like planet replication: <c>state.txt</c> at the top with the
/// latest sequence, and per sequence <c>AAA/BBB/CCC.osc.gz</c> and <c>AAA/BBB/CCC.state.txt</c>.
/// </summary>
public abstract class ReplicationSource : IDisposable
{
    /// <summary>The URL or directory, for messages.</summary>
    public abstract string Location { get; }

    /// <summary>
    /// Opens <paramref name="source"/>: an http(s) URL, a <c>file://</c> URL or a directory. A
    /// directory that does not exist, has no state.txt, or a URL of another scheme is a
    /// <see cref="UsageException"/>.
    /// </summary>
    public static ReplicationSource Open(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new UsageException("--source is empty: give a replication URL (e.g. https://planet.osm.org/replication/minute) or a directory");
        }

        if (source.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri))
            {
                throw new UsageException($"--source '{source}' is not a valid URL");
            }

            if (uri.Scheme == Uri.UriSchemeFile)
            {
                return OpenDirectory(uri.LocalPath);
            }

            if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new UsageException($"--source '{source}': the scheme '{uri.Scheme}' is not supported (use http, https, file or a directory)");
            }

            return new HttpReplicationSource(uri);
        }

        return OpenDirectory(source);
    }

    /// <summary>The top state.txt: the latest published sequence.</summary>
    public abstract Task<ReplicationState> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>The sequence's own state.txt (its data timestamp).</summary>
    public abstract Task<ReplicationState> GetStateAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Copies the sequence's .osc.gz to <paramref name="destination"/> (through a temporary file and a rename).</summary>
    public abstract Task DownloadDiffAsync(long sequence, string destination, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Parses a state file's text, naming where it came from when it is malformed.</summary>
    protected static ReplicationState ParseState(string text, string where) =>
        ReplicationState.TryParse(text, out var state, out string? error)
            ? state!
            : throw new ReplicationSourceException($"{where}: {error}");

    private static DirectoryReplicationSource OpenDirectory(string path)
    {
        string full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new UsageException($"--source directory '{path}' does not exist");
        }

        if (!File.Exists(Path.Combine(full, "state.txt")))
        {
            throw new UsageException($"--source directory '{path}' has no state.txt; it must be laid out like planet replication (state.txt, AAA/BBB/CCC.osc.gz, AAA/BBB/CCC.state.txt)");
        }

        return new DirectoryReplicationSource(full);
    }
}

/// <summary>A local directory laid out like planet replication.</summary>
public sealed class DirectoryReplicationSource(string directory) : ReplicationSource
{
    /// <inheritdoc/>
    public override string Location => directory;

    /// <inheritdoc/>
    public override Task<ReplicationState> GetLatestAsync(CancellationToken cancellationToken) =>
        ReadStateAsync(Path.Combine(directory, "state.txt"), cancellationToken);

    /// <inheritdoc/>
    public override Task<ReplicationState> GetStateAsync(long sequence, CancellationToken cancellationToken) =>
        ReadStateAsync(PathOf(sequence, ".state.txt"), cancellationToken);

    /// <inheritdoc/>
    public override async Task DownloadDiffAsync(long sequence, string destination, CancellationToken cancellationToken)
    {
        string from = PathOf(sequence, ".osc.gz");
        string temporary = destination + ".part";
        try
        {
            await using (var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch (IOException e)
        {
            File.Delete(temporary);
            throw new ReplicationSourceException($"cannot copy {from}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            File.Delete(temporary);
            throw new ReplicationSourceException($"cannot read {from}: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            File.Delete(temporary);
            throw;
        }
    }

    private string PathOf(long sequence, string extension) =>
        Path.Combine(directory, SequencePath.Format(sequence).Replace('/', Path.DirectorySeparatorChar) + extension);

    private static async Task<ReplicationState> ReadStateAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (IOException e)
        {
            throw new ReplicationSourceException($"cannot read {path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ReplicationSourceException($"cannot read {path}: {e.Message}", e);
        }

        return ParseState(text, path);
    }
}

/// <summary>An http(s) replication server such as https://planet.osm.org/replication/minute.</summary>
public sealed class HttpReplicationSource : ReplicationSource
{
    private readonly Uri _base;
    private readonly HttpClient _http;

    /// <summary>Creates the source for <paramref name="baseUri"/>.</summary>
    public HttpReplicationSource(Uri baseUri)
    {
        _base = new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/");
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15), AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tilecluster-replicate", "1.0"));
    }

    /// <inheritdoc/>
    public override string Location => _base.AbsoluteUri;

    /// <inheritdoc/>
    public override Task<ReplicationState> GetLatestAsync(CancellationToken cancellationToken) =>
        GetStateAsync(new Uri(_base, "state.txt"), cancellationToken);

    /// <inheritdoc/>
    public override Task<ReplicationState> GetStateAsync(long sequence, CancellationToken cancellationToken) =>
        GetStateAsync(new Uri(_base, SequencePath.Format(sequence) + ".state.txt"), cancellationToken);

    /// <inheritdoc/>
    public override async Task DownloadDiffAsync(long sequence, string destination, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, SequencePath.Format(sequence) + ".osc.gz");
        string temporary = destination + ".part";
        try
        {
            using var response = await SendAsync(uri, cancellationToken);
            await using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await response.Content.CopyToAsync(target, cancellationToken);
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            File.Delete(temporary);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw e as ReplicationSourceException ?? new ReplicationSourceException($"download of {uri} failed: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<ReplicationState> GetStateAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(uri, cancellationToken);
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ReplicationSourceException($"reading {uri} failed: {e.Message}", e);
        }

        return ParseState(text, uri.AbsoluteUri);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ReplicationSourceException($"cannot fetch {uri}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ReplicationSourceException($"no answer from {uri} within {_http.Timeout.TotalSeconds:0} s", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            int status = (int)response.StatusCode;
            response.Dispose();
            throw new ReplicationSourceException(status == 404
                ? $"{uri} is not there (404): not published yet?"
                : $"{uri} answered {status}");
        }

        return response;
    }
}
