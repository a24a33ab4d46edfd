using System.Diagnostics;
using System.Text;
using TileCluster.Tests.Shared;

namespace TileCluster.Deploy.Tests;

/// <summary>
/// Renders deploy/k8s (base, example overlay, managed-Redis overlay, import Job) offline and validates it against the
/// Kubernetes schemas and the project's rules, with deploy/k8s/tools/validate.mjs (Node.js).
/// </summary>
public sealed class KubernetesManifestsTests
{
    private static readonly string RepoRoot = RepositoryPaths.Root;
    private static readonly string ToolsDir = Path.Combine(RepoRoot, "deploy", "k8s", "tools");

    [Fact]
    public void Render_BaseAndOverlay_ValidateAgainstSchemas()
    {
        if (!Directory.Exists(Path.Combine(ToolsDir, "node_modules")))
        {
            var install = Run("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci in deploy/k8s/tools failed ({install.ExitCode}):\n{install.Output}");
        }

        string outFile = Path.Combine(Path.GetTempPath(), $"tilecluster-k8s-{Environment.ProcessId}.yaml");
        try
        {
            var result = Run("node", ["validate.mjs",
                Path.Combine(RepoRoot, "deploy", "k8s", "base"),
                Path.Combine(RepoRoot, "deploy", "k8s", "overlays", "example"),
                Path.Combine(RepoRoot, "deploy", "k8s", "overlays", "managed-redis"),
                Path.Combine(RepoRoot, "deploy", "k8s", "overlays", "s3-store"),
                Path.Combine(RepoRoot, "deploy", "k8s", "import"),
                "--out", outFile], TimeSpan.FromMinutes(2));
            TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
            Assert.True(result.ExitCode == 0, $"validate.mjs exited with {result.ExitCode}:\n{result.Output}");

            string rendered = File.ReadAllText(outFile);
            Assert.Contains("kind: StatefulSet", rendered, StringComparison.Ordinal);
            Assert.Contains("name: tilecluster-silo", rendered, StringComparison.Ordinal);
            Assert.Contains("registry.example.com/tilecluster/gateway:0.1.0", rendered, StringComparison.Ordinal);
            Assert.Contains("registry.example.com/tilecluster/replication:0.1.0", rendered, StringComparison.Ordinal);
            Assert.Contains("name: tilecluster-replication", rendered, StringComparison.Ordinal);
            Assert.Contains("name: tilecluster-redis", rendered, StringComparison.Ordinal);
            Assert.Contains("orleans/serviceId: tilecluster", rendered, StringComparison.Ordinal);
            Assert.Contains("name: TILECLUSTER_Store__S3__Bucket", rendered, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    private static (int ExitCode, string Output) Run(string file, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = ToolsDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out after {timeout}\n{output}");
        }

        process.WaitForExit();
        lock (gate)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
