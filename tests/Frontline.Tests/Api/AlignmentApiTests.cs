using System.Net;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.ServiceLevels;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

/// <summary>The alignment check as managers read it: per service, where the OLAs and UCs cannot keep the SLA.</summary>
public abstract class AlignmentApiTests(FrontlineServer server)
{
    [Fact]
    public async Task ASupplierInNewYorkBehindALondonDeskIsAClockMismatchOnItsServices()
    {
        using var maria = await server.ClientForAsync("maria");

        var services = await (await maria.GetAsync("/api/v1/insights/alignment")).ReadAsync<List<ServiceAlignmentView>>();

        var vpn = Assert.Single(services, s => s.Service == "VPN");
        Assert.Equal(["Acme Networks"], vpn.Suppliers);
        var p2 = Assert.Single(vpn.Priorities, p => p.Priority == Priority.P2);
        var gap = Assert.Single(p2.Findings, f => f.Kind == FindingKind.HoursGap && f.About == "Acme Networks");
        Assert.Contains("09:00–14:00", gap.Message, StringComparison.Ordinal);
        Assert.Contains(p2.Findings, f => f.Kind == FindingKind.TargetsExceedSla);
    }

    [Fact]
    public async Task AgentsAreNotShownTheAlignmentOfTheDesk()
    {
        using var sam = await server.ClientForAsync("sam");

        Assert.Equal(HttpStatusCode.Forbidden, (await sam.GetAsync("/api/v1/insights/alignment")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AlignmentApiOnSqlite(SqliteServer server) : AlignmentApiTests(server);

[Collection(PostgresCollection.Name)]
public sealed class AlignmentApiOnPostgres(PostgresServer server) : AlignmentApiTests(server);
