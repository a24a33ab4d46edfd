using TileCluster.Storage.Caches.Memcached;
using TileCluster.Tests.Shared;

namespace TileCluster.Storage.Tests.Caches;

/// <summary>Our memcached text-protocol client against Debian's memcached.</summary>
public sealed class MemcachedClientTests : IAsyncLifetime
{
    private MemcachedServer _server = null!;
    private MemcachedClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await MemcachedServer.StartAsync();
        _client = new MemcachedClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, _server.Port), connections: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SetThenGet_BinaryValueWithCrlfInside_ComesBackExactly()
    {
        byte[] value = [.. "\r\nEND\r\nVALUE x 0 3\r\n"u8, 0, 255, 13, 10];
        Assert.True(await _client.SetAsync("tc:a", value, 60, Cancel));
        Assert.Equal(value, await _client.GetAsync("tc:a", Cancel));
        Assert.Null(await _client.GetAsync("tc:missing", Cancel));
    }

    [Fact]
    public async Task Set_LargerThanItemSize_IsDeclinedAndConnectionStaysUsable()
    {
        Assert.False(await _client.SetAsync("tc:huge", new byte[2 * 1024 * 1024], 60, Cancel));
        Assert.True(await _client.SetAsync("tc:small", new byte[] { 1 }, 60, Cancel));
        Assert.Equal([1], await _client.GetAsync("tc:small", Cancel));
    }

    [Fact]
    public async Task DeleteMany_RemovesEveryKey_AndLeavesOthers()
    {
        var keys = Enumerable.Range(0, 10_000).Select(i => $"tc:d{i}").ToList();
        foreach (string key in keys.Where((_, i) => i % 100 == 0))
        {
            await _client.SetAsync(key, new byte[] { 2 }, 60, Cancel);
        }

        await _client.SetAsync("tc:keep", new byte[] { 3 }, 60, Cancel);
        await _client.DeleteManyAsync(keys, Cancel);

        Assert.Null(await _client.GetAsync("tc:d0", Cancel));
        Assert.Null(await _client.GetAsync("tc:d9900", Cancel));
        Assert.Equal([3], await _client.GetAsync("tc:keep", Cancel));
    }

    [Fact]
    public async Task ManyConcurrentCalls_OverFewConnections_EachGetsItsOwnAnswer()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => _client.SetAsync($"tc:c{i}", BitConverter.GetBytes(i), 60, Cancel)));
        var values = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => _client.GetAsync($"tc:c{i}", Cancel)));
        Assert.Equal(Enumerable.Range(0, 200), values.Select(v => BitConverter.ToInt32(v!)));
    }

    [Fact]
    public async Task ServerStopped_CallsFail_ThenWorkAgainOnceItIsBack()
    {
        Assert.True(await _client.SetAsync("tc:x", new byte[] { 1 }, 60, Cancel));
        await _server.StopAsync();

        // Pooled connections are dead and new ones are refused: an exception, never a hang.
        await Assert.ThrowsAnyAsync<Exception>(() => _client.GetAsync("tc:x", Cancel));
        await Assert.ThrowsAnyAsync<Exception>(() => _client.GetAsync("tc:x", Cancel));

        await _server.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        bool stored = false;
        while (!stored && DateTime.UtcNow < deadline)
        {
            try
            {
                stored = await _client.SetAsync("tc:x", new byte[] { 2 }, 60, Cancel);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A pooled connection from before the restart: dropped, the next call opens a new one.
            }
        }

        Assert.True(stored);
        Assert.Equal([2], await _client.GetAsync("tc:x", Cancel));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("new\nline")]
    public async Task BadKey_IsRefusedBeforeAnythingIsSent(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _client.GetAsync(key, Cancel));
}
