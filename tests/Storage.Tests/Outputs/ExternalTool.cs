using System.Diagnostics;

namespace TileCluster.Storage.Tests.Outputs;

/// <summary>Runs a real client (gdalinfo, gdal_translate, sqlite3, unzip) and returns its output.</summary>
internal static class ExternalTool
{
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var cancel = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }
}
