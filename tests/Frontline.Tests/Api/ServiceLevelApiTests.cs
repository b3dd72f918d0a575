using System.Net;
using System.Net.Http.Json;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.ServiceLevels;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

/// <summary>Clocks as a script or the pages see them: computed from the ticket's own history.</summary>
public abstract class ServiceLevelApiTests(FrontlineServer server)
{
    private static async Task<List<ClockView>> ClocksAsync(HttpClient client, string number) =>
        await (await client.GetAsync($"/api/v1/tickets/{number}/clocks")).ReadAsync<List<ClockView>>();

    [Fact]
    public async Task AP1IncidentRunsResponseAndResolutionClocksRoundTheClock()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Payroll down for everyone", impact: Impact.High, urgency: Urgency.High);

        var clocks = await ClocksAsync(sam, ticket.Number);

        var response = Assert.Single(clocks, c => c.Kind == TargetKind.FirstResponse);
        var resolution = Assert.Single(clocks, c => c.Kind == TargetKind.Resolution);
        Assert.Equal((ClockStatus.Running, 30.0), (response.Status, response.TargetMinutes));
        Assert.Equal((ClockStatus.Running, 240.0), (resolution.Status, resolution.TargetMinutes));
        Assert.InRange(resolution.RemainingMinutes, 230, 240);
        Assert.StartsWith("P1", resolution.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyMeetsTheFirstResponseAndWaitingForTheRequesterPausesResolution()
    {
        using var sam = await server.ClientForAsync("sam");
        using var olivia = await server.ClientForAsync("olivia");
        var samUser = await server.FindUserAsync("sam");
        var ticket = await olivia.CreateTicketAsync("VPN profile missing", impact: Impact.High, urgency: Urgency.High);
        (await sam.AssignAsync(ticket.Number, null, samUser.Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(ticket.Number, TicketAction.Start)).EnsureSuccessStatusCode();
        (await sam.ReplyAsync(ticket.Number, "Which laptop are you on?")).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(ticket.Number, TicketAction.Pend, PendingReason.Requester)).EnsureSuccessStatusCode();

        var clocks = await ClocksAsync(sam, ticket.Number);

        Assert.Equal(ClockStatus.Met, clocks.Single(c => c.Kind == TargetKind.FirstResponse).Status);
        var resolution = clocks.Single(c => c.Kind == TargetKind.Resolution);
        Assert.True(resolution.IsPaused);
        Assert.Equal(PendingReason.Requester, resolution.WaitingOn);
    }

    [Fact]
    public async Task RaisingThePriorityRetargetsTheRunningClock()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Teams slow", impact: Impact.Low, urgency: Urgency.Low);
        var before = (await ClocksAsync(sam, ticket.Number)).Single(c => c.Kind == TargetKind.Resolution);

        (await sam.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Number}", new { impact = "high", urgency = "high" }, Infrastructure.Api.Json)).EnsureSuccessStatusCode();
        var after = (await ClocksAsync(sam, ticket.Number)).Single(c => c.Kind == TargetKind.Resolution);

        Assert.Equal(80 * 60.0, before.TargetMinutes);
        Assert.Equal(240.0, after.TargetMinutes);
        Assert.StartsWith("P1", after.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClocksOfATicketYouCannotSeeAreNotFound()
    {
        using var sam = await server.ClientForAsync("sam");
        using var olivia = await server.ClientForAsync("olivia");
        var ticket = await sam.CreateTicketAsync("Core switch firmware");

        Assert.Equal(HttpStatusCode.NotFound, (await olivia.GetAsync($"/api/v1/tickets/{ticket.Number}/clocks")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ServiceLevelApiOnSqlite(SqliteServer server) : ServiceLevelApiTests(server);

[Collection(PostgresCollection.Name)]
public sealed class ServiceLevelApiOnPostgres(PostgresServer server) : ServiceLevelApiTests(server);
