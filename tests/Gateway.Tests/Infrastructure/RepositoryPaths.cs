namespace TileCluster.Tests.Shared;

/// <summary>The programs the gateway tests start (the rest of this class is in tests/Shared).</summary>
internal static partial class RepositoryPaths
{
    /// <summary>The gateway assembly built in the same configuration as these tests.</summary>
    public static string GatewayDll => Built("Gateway");

    /// <summary>The silo assembly built in the same configuration as these tests.</summary>
    public static string SiloDll => Built("Silo");

    /// <summary>The <c>tilecluster</c> command-line tool, built in the same configuration.</summary>
    public static string CliDll => Built("Cli", "tilecluster");
}
