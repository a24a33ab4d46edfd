using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TileCluster.Gateway.Http;

/// <summary>
/// JSON answers with optional JSONP: <c>?callback=name</c> wraps the body as <c>name(…);</c>
/// (application/javascript). Only a plain JavaScript identifier is accepted as the name, so the
/// parameter cannot inject script; anything else is 400.
/// </summary>
internal static class JsonResponses
{
    /// <summary>Longest callback name accepted.</summary>
    public const int MaxCallbackLength = 64;

    /// <summary>The media type of a JSONP answer.</summary>
    public const string JavaScriptContentType = "application/javascript; charset=utf-8";

    /// <summary>Writes <paramref name="value"/> as JSON, or as a JSONP call when the request asks for one.</summary>
    public static Task WriteAsync<T>(HttpContext context, T value)
    {
        if (!TryGetCallback(context.Request, out string? callback, out string? error))
        {
            return Problems.BadRequest(context, error);
        }

        if (callback is null)
        {
            return Results.Json(value).ExecuteAsync(context);
        }

        context.Response.ContentType = JavaScriptContentType;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        string body = string.Concat("/**/", callback, "(", JsonSerializer.Serialize(value, JsonSerializerOptions.Web), ");");
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Reads <c>?callback=</c>: true with a null <paramref name="callback"/> when there is none, true with
    /// the name when it is a plain identifier, false with the 400 detail otherwise.
    /// </summary>
    public static bool TryGetCallback(HttpRequest request, out string? callback, [NotNullWhen(false)] out string? error)
    {
        var callbacks = request.Query["callback"];
        callback = null;
        error = null;
        if (callbacks.Count == 0)
        {
            return true;
        }

        if (callbacks.Count > 1 || !IsPlainIdentifier(callbacks[0]))
        {
            string shown = callbacks.Count > 1 ? "given more than once" : $"'{Shorten(callbacks[0] ?? string.Empty)}' is not a plain JavaScript identifier";
            error = $"callback {shown}; use letters, digits, '_' or '$', not starting with a digit, at most {MaxCallbackLength} characters";
            return false;
        }

        callback = callbacks[0];
        return true;
    }

    /// <summary>Wraps JSON bytes as the JSONP call <c>/**/callback(json);</c>.</summary>
    public static byte[] Wrap(string callback, byte[] json)
    {
        int head = callback.Length + 5;
        var body = new byte[head + json.Length + 2];
        System.Text.Encoding.ASCII.GetBytes(string.Concat("/**/", callback, "("), body);
        json.CopyTo(body, head);
        body[^2] = (byte)')';
        body[^1] = (byte)';';
        return body;
    }

    /// <summary>Whether <paramref name="name"/> is an ASCII identifier: a letter, '_' or '$', then letters, digits, '_' or '$'.</summary>
    public static bool IsPlainIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxCallbackLength || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : string.Concat(text.AsSpan(0, 24), "…");
}
