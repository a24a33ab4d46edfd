using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TileCluster.Cli.Http;

/// <summary>How the commands word a gateway's refusals and unreachable gateways, the same for every command.</summary>
internal static class GatewayMessages
{
    /// <summary>"HTTP 400 Bad Request: title: detail", or the start of the body when it was no problem document.</summary>
    public static string Status(HttpResponseMessage response, bool isProblem, string? title, string? detail, string body)
    {
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        if (title is { Length: > 0 } && !string.Equals(title, response.ReasonPhrase, StringComparison.OrdinalIgnoreCase))
        {
            message.Append(": ").Append(title);
        }

        if (detail is { Length: > 0 })
        {
            message.Append(": ").Append(detail);
        }
        else if (!isProblem && body.Trim() is { Length: > 0 } text)
        {
            message.Append(": ").Append(Shorten(text));
        }

        return message.ToString();
    }

    /// <summary>The socket's own words ("Connection refused") when there are some.</summary>
    public static string Describe(HttpRequestException e) =>
        e.InnerException is SocketException socket ? socket.Message : e.Message;

    /// <summary>One line of at most 200 characters.</summary>
    public static string Shorten(string text)
    {
        string oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length > 200 ? oneLine[..200] + "…" : oneLine;
    }
}
