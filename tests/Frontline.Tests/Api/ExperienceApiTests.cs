using System.Net;
using System.Net.Http.Json;
using Frontline.Domain.Experience;
using Frontline.Domain.Tickets;
using Frontline.Features.Experience;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

/// <summary>The requester's survey: only theirs to answer, only once resolved, only once.</summary>
public abstract class ExperienceApiTests(FrontlineServer server)
{
    private async Task<string> ResolvedTicketOfOliviaAsync()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        var samUser = await server.FindUserAsync("sam");
        var ticket = await olivia.CreateTicketAsync("Monitor flickers");
        (await sam.AssignAsync(ticket.Number, null, samUser.Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(ticket.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "New cable.")).EnsureSuccessStatusCode();
        return ticket.Number;
    }

    [Fact]
    public async Task TheRequesterAnswersOnceAndTheDeskSeesTheAnswer()
    {
        var number = await ResolvedTicketOfOliviaAsync();
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");

        var first = await olivia.PostAsJsonAsync($"/api/v1/tickets/{number}/experience", new { satisfaction = 4, effort = 6, happiness = 8, lostMinutes = 45, comment = "Quick, thanks" });
        var again = await olivia.PostAsJsonAsync($"/api/v1/tickets/{number}/experience", new { satisfaction = 1, effort = 1 });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var seen = await (await sam.GetAsync($"/api/v1/tickets/{number}/experience")).ReadAsync<ExperienceView>();
        Assert.Equal((4, 6, EffortBand.Easy, 45, "Quick, thanks"), (seen.Satisfaction, seen.Effort, seen.EffortBand, seen.LostMinutes, seen.Comment));
    }

    [Fact]
    public async Task TheSurveyWaitsForTheResolutionAndOnlyTheRequesterAnswers()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        var open = await olivia.CreateTicketAsync("Keyboard sticky");
        var resolved = await ResolvedTicketOfOliviaAsync();

        var early = await olivia.PostAsJsonAsync($"/api/v1/tickets/{open.Number}/experience", new { satisfaction = 5, effort = 7 });
        var byAgent = await sam.PostAsJsonAsync($"/api/v1/tickets/{resolved}/experience", new { satisfaction = 5, effort = 7 });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
    }

    [Fact]
    public async Task AnUnhappyAnswerOnAMetSlaShowsAsAWatermelonForManagers()
    {
        var number = await ResolvedTicketOfOliviaAsync();
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.ClientForAsync("maria");
        (await olivia.PostAsJsonAsync($"/api/v1/tickets/{number}/experience", new { satisfaction = 1, effort = 2, comment = "Fixed fast but I had to chase it" })).EnsureSuccessStatusCode();

        var report = await (await maria.GetAsync("/api/v1/insights/experience?days=30")).ReadAsync<ExperienceReport>();

        var watermelon = Assert.Single(report.Watermelons, w => w.Number == number);
        Assert.Equal("Fixed fast but I had to chase it", watermelon.Comment);
        Assert.Contains(report.ByGroup, g => g.Responses > 0 && g.SlaMetShare is >= 0 and <= 1);
        Assert.Equal(HttpStatusCode.BadRequest, (await maria.GetAsync("/api/v1/insights/experience?days=0")).StatusCode);
    }

    [Fact]
    public async Task BeyondAHundredWatermelonsTheNewestAreListedAndAllAreCounted()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.ClientForAsync("maria");
        var before = await (await maria.GetAsync("/api/v1/insights/experience?days=30")).ReadAsync<ExperienceReport>();
        async Task<string> UnhappyAsync(int n)
        {
            var number = await ResolvedTicketOfOliviaAsync();
            (await olivia.PostAsJsonAsync($"/api/v1/tickets/{number}/experience", new { satisfaction = 1, effort = 1, comment = $"Chased it, {n}" })).EnsureSuccessStatusCode();
            return number;
        }
        await Task.WhenAll(Enumerable.Range(0, ExperienceInsights.WatermelonsListed).Select(UnhappyAsync));
        var newest = await UnhappyAsync(ExperienceInsights.WatermelonsListed);

        var report = await (await maria.GetAsync("/api/v1/insights/experience?days=30")).ReadAsync<ExperienceReport>();

        Assert.Equal(before.WatermelonCount + ExperienceInsights.WatermelonsListed + 1, report.WatermelonCount);
        Assert.Equal(ExperienceInsights.WatermelonsListed, report.Watermelons.Count);
        Assert.Equal((newest, $"Chased it, {ExperienceInsights.WatermelonsListed}"), (report.Watermelons[0].Number, report.Watermelons[0].Comment));
        Assert.Equal(report.Watermelons.OrderByDescending(w => w.At).Select(w => w.Number), report.Watermelons.Select(w => w.Number));
    }

    [Theory]
    [InlineData(0, 4, "satisfaction")]
    [InlineData(6, 4, "satisfaction")]
    [InlineData(3, 8, "effort")]
    public async Task OutOfRangeAnswersAreRefusedByName(int satisfaction, int effort, string field)
    {
        var number = await ResolvedTicketOfOliviaAsync();
        using var olivia = await server.ClientForAsync("olivia");

        var response = await olivia.PostAsJsonAsync($"/api/v1/tickets/{number}/experience", new { satisfaction, effort });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ProblemAsync()).Errors!.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await olivia.GetAsync($"/api/v1/tickets/{number}/experience")).StatusCode);
    }

    [Fact]
    public async Task TheDashboardJudgesServicesAgainstTheirXlaTargetsAndShowsTrendsAndTraits()
    {
        using var maria = await server.ClientForAsync("maria");

        var report = await (await maria.GetAsync("/api/v1/insights/experience?days=90")).ReadAsync<ExperienceReport>();

        var payroll = Assert.Single(report.Targets, t => t.Service == "Payroll");
        Assert.Equal(4.5, Assert.Single(payroll.Targets, t => t.Measure == "CSAT").Target);
        Assert.Contains(report.Trends, t => t.Dimension == "Agent" && t.Weeks.Count > 0);
        Assert.Contains(report.Trends, t => t.Dimension == "Service" && t.Name == "VPN" && t.Weeks.Any(w => w.Changes.Any(c => c.Contains("VPN client 5.2", StringComparison.Ordinal))));
        Assert.Contains(report.Traits, t => t.Trait == "Channel" && t.Band == "email");
        Assert.Contains(report.Traits, t => t.Trait == "Reassignments");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExperienceApiOnSqlite(SqliteServer server) : ExperienceApiTests(server);

[Collection(PostgresCollection.Name)]
public sealed class ExperienceApiOnPostgres(PostgresServer server) : ExperienceApiTests(server);
