using System.Text.Json;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>Waits for a job through its <c>status.json</c>, as a client does.</summary>
internal static class JobPolling
{
    /// <summary>
    /// Polls <c>/jobs/{id}/status.json</c> until the job is no longer queued or running, or
    /// <paramref name="patience"/> passes, and answers the last document.
    /// </summary>
    public static async Task<JsonElement> WaitFinishedAsync(HttpClient client, string id, TimeSpan patience)
    {
        var cancel = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + patience;
        JsonElement status;
        do
        {
            await Task.Delay(200, cancel);
            status = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/jobs/{id}/status.json", UriKind.Relative), cancel)).RootElement;
        }
        while (status.GetProperty("state").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);

        return status;
    }
}
