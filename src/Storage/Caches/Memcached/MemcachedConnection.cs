using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TileCluster.Storage.Caches.Memcached;

/// <summary>
/// One TCP connection to memcached speaking its text protocol, used by one caller at a time. A
/// call that fails or is cancelled midway leaves the stream in an unknown state, so the caller
/// marks the connection broken and the pool drops it.
/// </summary>
internal sealed class MemcachedConnection : IAsyncDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _start;
    private int _end;

    private MemcachedConnection(Socket socket) => _stream = new NetworkStream(socket, ownsSocket: true);

    /// <summary>Set when a call did not finish cleanly; the pool then disposes the connection.</summary>
    public bool Broken { get; set; }

    public static async Task<MemcachedConnection> OpenAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new MemcachedConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => _stream.WriteAsync(bytes, cancellationToken);

    /// <summary>Reads one response line, without its CRLF.</summary>
    public async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                int length = newline - _start;
                if (length == 0 || _buffer[newline - 1] != '\r')
                {
                    throw new MemcachedException("a response line did not end in CRLF");
                }

                string line = Encoding.ASCII.GetString(_buffer, _start, length - 1);
                _start = newline + 1;
                return line;
            }

            if (_start == 0 && _end == _buffer.Length)
            {
                throw new MemcachedException("a response line is longer than the read buffer");
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Reads a data block of <paramref name="length"/> bytes and the CRLF after it.</summary>
    public async ValueTask<byte[]> ReadBlockAsync(int length, CancellationToken cancellationToken)
    {
        var block = new byte[length];
        int copied = 0;
        while (copied < length)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken);
            }

            int take = Math.Min(length - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, block, copied, take);
            _start += take;
            copied += take;
        }

        if (await ReadLineAsync(cancellationToken) is { Length: > 0 } rest)
        {
            throw new MemcachedException($"data block followed by '{rest}' instead of CRLF");
        }

        return block;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            throw new MemcachedException("memcached closed the connection");
        }

        _end += read;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
