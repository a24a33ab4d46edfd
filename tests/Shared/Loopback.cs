using System.Net;
using System.Net.Sockets;

namespace TileCluster.Tests.Shared;

/// <summary>Ports on 127.0.0.1 for the servers and programs a test starts.</summary>
internal static class Loopback
{
    private static readonly HashSet<int> GivenOut = [];

    /// <summary>A port nothing listens on right now (the system's pick, released again), never the same twice in one test run.</summary>
    public static int FreePort()
    {
        // The kernel may hand the same ephemeral port to two probes in a row once the first is
        // closed (a silo then got one port for both its silo and gateway endpoints), and tests
        // running in parallel probe before either binds; so no port is given out twice per run.
        while (true)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            lock (GivenOut)
            {
                if (GivenOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
