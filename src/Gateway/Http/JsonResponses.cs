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

    /// <summary>Writes <paramref name="value"/> as JSON, or as a JSONP call when the request asks for one.</summary>
    public static Task WriteAsync<T>(HttpContext context, T value)
    {
        var callbacks = context.Request.Query["callback"];
        if (callbacks.Count == 0)
        {
            return Results.Json(value).ExecuteAsync(context);
        }

        if (callbacks.Count > 1 || !IsPlainIdentifier(callbacks[0]))
        {
            string shown = callbacks.Count > 1 ? "given more than once" : $"'{Shorten(callbacks[0] ?? string.Empty)}' is not a plain JavaScript identifier";
            return Problems.BadRequest(context, $"callback {shown}; use letters, digits, '_' or '$', not starting with a digit, at most {MaxCallbackLength} characters");
        }

        context.Response.ContentType = "application/javascript; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        string body = string.Concat("/**/", callbacks[0], "(", JsonSerializer.Serialize(value, JsonSerializerOptions.Web), ");");
        return context.Response.WriteAsync(body, context.RequestAborted);
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
