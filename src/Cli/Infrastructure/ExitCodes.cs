namespace TileCluster.Cli.Infrastructure;

/// <summary>The process exit codes of every command; docs/cli.md lists them.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The gateway, the network, osm2pgsql's host or the replication source failed.</summary>
    public const int Failure = 1;

    /// <summary>Bad input or configuration: a malformed expire list, a bad option, a missing file.</summary>
    public const int BadInput = 2;

    /// <summary>The gateway refused the admin token (HTTP 401).</summary>
    public const int Unauthorized = 4;

    /// <summary>The job that was waited for failed.</summary>
    public const int JobFailed = 5;

    /// <summary>The job that was waited for was cancelled.</summary>
    public const int JobCancelled = 6;

    /// <summary>Stopped by SIGINT (Ctrl-C) before the work was done (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM before the work was done (128 + 15).</summary>
    public const int Terminated = 143;
}
