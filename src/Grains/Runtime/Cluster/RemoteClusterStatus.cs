using System.Net.Http.Json;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>The gateway's status view: every silo in the membership table, asked for its own figures.</summary>
internal sealed class RemoteClusterStatus(HttpClient http, MembershipView view) : IClusterStatus
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public bool CanPlaceGrains => view.Active.Length > 0;

    public async ValueTask<IReadOnlyList<SiloStatus>> GetSilosAsync(CancellationToken cancellationToken)
    {
        var silos = view.All;
        var answers = await Task.WhenAll(silos.Select(silo => AskAsync(silo, cancellationToken)));
        return answers;
    }

    private async Task<SiloStatus> AskAsync(SiloInfo silo, CancellationToken cancellationToken)
    {
        if (silo.Status != SiloState.Dead)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                var status = await http.GetFromJsonAsync<SiloStatus>(new Uri(silo.Endpoint, GrainProtocol.StatusRoute), timeout.Token);
                if (status is not null)
                {
                    return status;
                }
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return Empty(silo, "unreachable");
            }
        }

        return Empty(silo, silo.Status.ToString().ToLowerInvariant());
    }

    private static SiloStatus Empty(SiloInfo silo, string status) =>
        new(silo.SiloId, status, 0, new Dictionary<string, int>(), 0, 0, 0, [], new SiloFreshness(0, 0, 0, new Dictionary<string, long>()));
}
