using System.Net;
using System.Net.Sockets;

namespace TileCluster.Tests.Shared;

/// <summary>Ports on 127.0.0.1 for the servers and programs a test starts.</summary>
internal static class Loopback
{
    /// <summary>A port nothing listens on right now (the system's pick, released again).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
