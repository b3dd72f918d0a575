using System.Net.Http.Json;
using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.ServiceLevels;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Api;

/// <summary>Finished tickets' SLA outcomes are stored as they finish, and dashboards read them with the replay's answer.</summary>
public abstract class ServiceLevelOutcomeTests(FrontlineServer server)
{
    private const string Dashboard = "/api/v1/insights/experience?days=30";

    /// <summary>Olivia's ticket taken by Sam for the Service Desk; <paramref name="loggedHoursAgo"/> moves its logging into the past, so its clocks have run that long.</summary>
    private async Task<string> TicketAsync(string title, Impact impact, Urgency urgency, int loggedHoursAgo = 0)
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        var ticket = await olivia.CreateTicketAsync(title, impact: impact, urgency: urgency);
        var logged = DateTime.UtcNow.AddHours(-loggedHoursAgo);
        await server.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, logged)));
        (await sam.AssignAsync(ticket.Number, await server.GroupIdAsync("Service Desk"), (await server.FindUserAsync("sam")).Id)).EnsureSuccessStatusCode();
        return ticket.Number;
    }

    private static async Task ResolveAndAnswerAsync(HttpClient sam, HttpClient olivia, string number, int satisfaction)
    {
        (await sam.TransitionAsync(number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Done.")).EnsureSuccessStatusCode();
        (await olivia.PostAsJsonAsync($"/api/v1/tickets/{number}/experience", new { satisfaction, effort = 4 })).EnsureSuccessStatusCode();
    }

    private Task<ServiceLevelOutcome?> OutcomeAsync(string number) =>
        server.WithDbAsync(db => db.ServiceLevelOutcomes.AsNoTracking()
            .Where(o => db.Tickets.Any(t => t.Id == o.TicketId && t.Number == number && t.Version == o.TicketVersion))
            .SingleOrDefaultAsync());

    private async Task<int> FillMissingAsync()
    {
        using var scope = server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceLevelOutcomes>().FillMissingAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheExperienceDashboardShowsTheSameFiguresFromStoredOutcomesAsFromReplayingEveryClock()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        using var maria = await server.ClientForAsync("maria");
        // Breached: a P1 logged ten hours ago, against four hours round the clock.
        var breached = await TicketAsync("Payroll run failed", Impact.High, Urgency.High, loggedHoursAgo: 10);
        await ResolveAndAnswerAsync(sam, olivia, breached, 2);
        // Raised from P5 to P1 while open: the clock keeps its elapsed time against the new target.
        var raised = await TicketAsync("Shared drive slow", Impact.Low, Urgency.Low, loggedHoursAgo: 6);
        (await sam.PatchAsJsonAsync($"/api/v1/tickets/{raised}", new { impact = "high", urgency = "high" }, Infrastructure.Api.Json)).EnsureSuccessStatusCode();
        await ResolveAndAnswerAsync(sam, olivia, raised, 3);
        // Reopened after the answer, waited on the requester, resolved again.
        var reopened = await TicketAsync("Printer jams again", Impact.Medium, Urgency.Medium);
        await ResolveAndAnswerAsync(sam, olivia, reopened, 4);
        (await olivia.TransitionAsync(reopened, TicketAction.Reopen, notes: "It jams again.")).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(reopened, TicketAction.Pend, PendingReason.Requester)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(reopened, TicketAction.Resume)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(reopened, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "New roller.")).EnsureSuccessStatusCode();
        // Reopened after the answer and still open: its clocks still run, so only a replay can say.
        var stillOpen = await TicketAsync("Wi-Fi drops", Impact.Medium, Urgency.High, loggedHoursAgo: 30);
        await ResolveAndAnswerAsync(sam, olivia, stillOpen, 1);
        (await olivia.TransitionAsync(stillOpen, TicketAction.Reopen, notes: "Dropped again.")).EnsureSuccessStatusCode();
        // Handed to another group, resolved and closed.
        var moved = await TicketAsync("ERP report empty", Impact.Medium, Urgency.Low);
        (await sam.AssignAsync(moved, await server.GroupIdAsync("Business Applications"), null)).EnsureSuccessStatusCode();
        using var ravi = await server.ClientForAsync("ravi");
        (await ravi.AssignAsync(moved, null, (await server.FindUserAsync("ravi")).Id)).EnsureSuccessStatusCode();
        await ResolveAndAnswerAsync(ravi, olivia, moved, 5);
        (await olivia.TransitionAsync(moved, TicketAction.Close)).EnsureSuccessStatusCode();

        var fromOutcomes = await maria.GetStringAsync(Dashboard);
        var stored = (Breached: await OutcomeAsync(breached), Raised: await OutcomeAsync(raised), Reopened: await OutcomeAsync(reopened), Open: await OutcomeAsync(stillOpen), Moved: await OutcomeAsync(moved));
        await server.WithDbAsync(db => db.ServiceLevelOutcomes.ExecuteDeleteAsync());
        var fromReplay = await maria.GetStringAsync(Dashboard);

        Assert.Equal(fromReplay, fromOutcomes);
        Assert.Equal((false, ClockStatus.Breached), (stored.Breached!.SlaMet, stored.Breached.Resolution));
        Assert.NotNull(stored.Raised);
        Assert.Equal(1, stored.Reopened!.Reopenings);
        Assert.Null(stored.Open);
        Assert.Equal(1, stored.Moved!.Reassignments);
    }

    [Fact]
    public async Task TicketsWrittenWithoutOutcomesAreFilledOnceAndTheDashboardStaysTheSame()
    {
        using var maria = await server.ClientForAsync("maria");
        await server.WithDbAsync(db => db.ServiceLevelOutcomes.ExecuteDeleteAsync());
        var fromReplay = await maria.GetStringAsync(Dashboard);
        var finished = await server.WithDbAsync(db => db.Tickets.CountAsync(t => t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed || t.Status == TicketStatus.Cancelled));

        var written = await FillMissingAsync();
        var again = await FillMissingAsync();

        Assert.InRange(written, 1, finished);
        Assert.Equal(0, again);
        Assert.Equal(finished, await server.WithDbAsync(db => db.ServiceLevelOutcomes.CountAsync()));
        Assert.Equal(fromReplay, await maria.GetStringAsync(Dashboard));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ServiceLevelOutcomesOnSqlite(SqliteServer server) : ServiceLevelOutcomeTests(server);

[Collection(PostgresCollection.Name)]
public sealed class ServiceLevelOutcomesOnPostgres(PostgresServer server) : ServiceLevelOutcomeTests(server);
