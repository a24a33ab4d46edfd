using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace TileCluster.Storage.Caches.Memcached;

/// <summary>
/// A small memcached client over its text protocol (get, set with an expiry, pipelined deletes), written for
/// the cache tier because the NuGet copy has no maintained .NET memcached client. Connections are
/// pooled: at most <c>connections</c> calls run at once, each on a connection of its own; a call
/// that fails or is cancelled discards its connection rather than return it half-read.
/// </summary>
internal sealed class MemcachedClient(EndPoint server, int connections) : IAsyncDisposable
{
    /// <summary>memcached's longest key.</summary>
    public const int MaxKeyLength = 250;

    private static readonly byte[] Crlf = "\r\n"u8.ToArray();
    private static readonly byte[] Fence = "version\r\n"u8.ToArray();

    private readonly SemaphoreSlim _slots = new(connections, connections);
    private readonly ConcurrentBag<MemcachedConnection> _idle = [];

    /// <summary>The value stored under <paramref name="key"/>, or null when there is none.</summary>
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(Encoding.ASCII.GetBytes($"get {CheckKey(key)}\r\n"), static async (connection, token) =>
        {
            string line = await connection.ReadLineAsync(token);
            if (line == "END")
            {
                return null;
            }

            string[] parts = line.Split(' ');
            if (parts.Length < 4 || parts[0] != "VALUE" || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            {
                throw Unexpected("get", line);
            }

            byte[] value = await connection.ReadBlockAsync(length, token);
            string end = await connection.ReadLineAsync(token);
            return end == "END" ? value : throw Unexpected("get", end);
        }, cancellationToken);

    /// <summary>
    /// Stores <paramref name="value"/> for <paramref name="expirySeconds"/> (at most 30 days: memcached
    /// reads larger values as a Unix time). False when memcached declines it (e.g. larger than its item size).
    /// </summary>
    public async Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, int expirySeconds, CancellationToken cancellationToken)
    {
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"set {CheckKey(key)} 0 {expirySeconds} {value.Length}\r\n"));
        byte[] request = new byte[header.Length + value.Length + Crlf.Length];
        header.CopyTo(request, 0);
        value.Span.CopyTo(request.AsSpan(header.Length));
        Crlf.CopyTo(request, header.Length + value.Length);
        return await RunAsync(request, static async (connection, token) =>
        {
            string line = await connection.ReadLineAsync(token);
            return line switch
            {
                "STORED" => true,

                // memcached reads and drops the data first, so the connection stays usable.
                "NOT_STORED" => false,
                _ when line.StartsWith("SERVER_ERROR ", StringComparison.Ordinal) => false,
                _ => throw Unexpected("set", line),
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes many keys in one pipelined write (<c>delete … noreply</c>), then waits for the answer
    /// to a <c>version</c> fence, so every delete has been applied when the task completes.
    /// </summary>
    public async Task DeleteManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var request = new StringBuilder(keys.Count * 40);
        foreach (string key in keys)
        {
            request.Append("delete ").Append(CheckKey(key)).Append(" noreply\r\n");
        }

        await RunAsync([.. Encoding.ASCII.GetBytes(request.ToString()), .. Fence], static async (connection, token) =>
        {
            string line;
            while (!(line = await connection.ReadLineAsync(token)).StartsWith("VERSION ", StringComparison.Ordinal))
            {
                if (line.StartsWith("CLIENT_ERROR", StringComparison.Ordinal) || line == "ERROR")
                {
                    throw Unexpected("delete", line);
                }
            }

            return true;
        }, cancellationToken);
    }

    private async Task<T> RunAsync<T>(byte[] request, Func<MemcachedConnection, CancellationToken, ValueTask<T>> readResponse, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        MemcachedConnection? connection = null;
        try
        {
            connection = _idle.TryTake(out var idle) ? idle : await MemcachedConnection.OpenAsync(server, cancellationToken);
            connection.Broken = true;
            await connection.WriteAsync(request, cancellationToken);
            var result = await readResponse(connection, cancellationToken);
            connection.Broken = false;
            return result;
        }
        finally
        {
            if (connection is { Broken: false })
            {
                _idle.Add(connection);
            }
            else if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _slots.Release();
        }
    }

    private static string CheckKey(string key)
    {
        if (key.Length is 0 or > MaxKeyLength || key.Any(static c => c <= ' ' || c >= 127))
        {
            throw new ArgumentException($"'{key}' is not a memcached key (1-{MaxKeyLength} printable ASCII characters, no spaces)", nameof(key));
        }

        return key;
    }

    private static MemcachedException Unexpected(string command, string line) => new($"memcached answered '{line}' to {command}");

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var connection))
        {
            await connection.DisposeAsync();
        }

        _slots.Dispose();
    }
}
