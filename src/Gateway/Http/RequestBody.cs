using Microsoft.AspNetCore.Http.Features;

namespace TileCluster.Gateway.Http;

/// <summary>Reading a request body under a size limit of the endpoint's own.</summary>
internal static class RequestBody
{
    /// <summary>Reads the body up to <paramref name="limit"/> bytes; reports too large without reading further.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return (default, true);
        }

        // Our limit, not Kestrel's default 30 MB, decides.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 64 * 1024, limit));
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (default, true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), false);
    }
}
