using System.Runtime.InteropServices;

namespace TileCluster.Cli.Infrastructure;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM, in two steps. The first signal cancels <see cref="Stopping"/>:
/// commands stop waiting, abandon HTTP requests and downloads, and let a running osm2pgsql finish
/// so that the state it leaves is recorded. A second signal cancels <see cref="Kill"/>: osm2pgsql is
/// killed too (its diff is then applied again at the next start).
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _kill = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    /// <summary>Registers the handlers; <paramref name="onFirst"/> is told which signal came first.</summary>
    public ShutdownSignal(Action<string>? onFirst = null)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                if (Interlocked.Increment(ref _signals) == 1)
                {
                    ExitCode = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
                    onFirst?.Invoke(context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT");
                    _stopping.Cancel();
                }
                else
                {
                    _kill.Cancel();
                }
            }));
        }
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled by the second signal.</summary>
    public CancellationToken Kill => _kill.Token;

    /// <summary>The conventional exit code for the first signal received (130 or 143).</summary>
    public int ExitCode { get; private set; } = ExitCodes.Interrupted;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stopping.Dispose();
        _kill.Dispose();
    }
}
