using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TileCluster.Tests.Shared;

/// <summary>The real <c>tilecluster</c> program in a child process, its output captured.</summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public string Output => $"--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static CliProcess Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? stdin = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        start.ArgumentList.Add(RepositoryPaths.CliDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the developer's shell may leak into what is tested.
        start.Environment.Remove("TILECLUSTER_GATEWAY");
        start.Environment.Remove("TILECLUSTER_ADMIN_TOKEN");
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return new CliProcess(process);
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>).</summary>
    public static async Task<CliProcess> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, IDictionary<string, string?>? environment = null, string? stdin = null, string? workingDirectory = null)
    {
        var process = Start(args, environment, stdin, workingDirectory);
        await process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return process;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"tilecluster did not exit within {timeout}:\n{Output}");
        }

        // The output readers finish after the exit; wait for them.
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Waits until stdout+stderr contains <paramref name="text"/> <paramref name="count"/> times.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, int count = 1)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Occurrences(Stdout + Stderr, text) >= count)
            {
                return;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None);
                if (Occurrences(Stdout + Stderr, text) >= count)
                {
                    return;
                }

                throw new InvalidOperationException($"tilecluster exited ({_process.ExitCode}) before printing '{text}' {count}×:\n{Output}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"tilecluster did not print '{text}' {count}× within {timeout}:\n{Output}");
    }

    /// <summary>SIGTERM, as a service manager sends.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static int Occurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is not null)
        {
            lock (buffer)
            {
                buffer.Append(line).Append('\n');
            }
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
