using System.Net;
using System.Net.Http.Json;
using Frontline.Domain.Patterns;
using Frontline.Features.Demand;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Api;

/// <summary>Demand patterns through the API: discovery, the ranked list, and acting on a pattern and measuring it.</summary>
public abstract class DemandApiTests(FrontlineServer server)
{
    /// <summary>Enough patterns for a handful of identical new tickets to form one of their own beside the demo's.</summary>
    private const int Patterns = 40;

    private async Task<(List<string> Numbers, PatternSummary Pattern)> RecurringIncidentsAsync(string title, int count = 6)
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.ClientForAsync("maria");
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            numbers.Add((await olivia.CreateTicketAsync(title, description: "It happened again this morning at the front entrance.")).Number);
        }
        (await maria.PostAsJsonAsync("/api/v1/demand/discoveries", new { patterns = Patterns })).EnsureSuccessStatusCode();
        var patterns = await (await maria.GetAsync("/api/v1/demand/patterns")).ReadAsync<List<PatternSummary>>();
        foreach (var pattern in patterns)
        {
            var detail = await (await maria.GetAsync($"/api/v1/demand/patterns/{pattern.Id}")).ReadAsync<PatternDetail>();
            if (detail.Examples.Any(e => e.Number == numbers[0]))
            {
                return (numbers, pattern);
            }
        }
        throw new InvalidOperationException($"No pattern holds {numbers[0]}.");
    }

    [Fact]
    public async Task AManagerDiscoversPatternsAndSeesThemRankedByEffortWithAReason()
    {
        using var maria = await server.ClientForAsync("maria");

        var discovered = await maria.PostAsJsonAsync("/api/v1/demand/discoveries", new { });
        var patterns = await (await maria.GetAsync("/api/v1/demand/patterns")).ReadAsync<List<PatternSummary>>();

        Assert.Equal(HttpStatusCode.Created, discovered.StatusCode);
        Assert.True(patterns.Count >= 2);
        Assert.Equal(patterns.OrderByDescending(p => p.EffortHours).Select(p => p.Id), patterns.Select(p => p.Id));
        Assert.All(patterns, p => Assert.False(string.IsNullOrWhiteSpace(p.Label) || string.IsNullOrWhiteSpace(p.Reason)));
        var detail = await (await maria.GetAsync($"/api/v1/demand/patterns/{patterns[0].Id}")).ReadAsync<PatternDetail>();
        Assert.NotEmpty(detail.Weeks);
        Assert.InRange(detail.Examples.Count, 1, DemandInsights.Examples);
        Assert.Equal(patterns[0].Tickets, detail.Weeks.Sum(w => w.Tickets));
    }

    [Fact]
    public async Task RecurringIncidentsFormOnePatternAndItsProblemRecordIsLinkedToThem()
    {
        var (numbers, pattern) = await RecurringIncidentsAsync("Badge reader at the front entrance rejects every card");
        using var maria = await server.ClientForAsync("maria");

        var opened = await maria.PostAsync($"/api/v1/demand/patterns/{pattern.Id}/problem", null);
        var again = await maria.PostAsync($"/api/v1/demand/patterns/{pattern.Id}/problem", null);

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var improvement = await opened.ReadAsync<ImprovementView>();
        Assert.Equal(PatternAction.Problem, improvement.Action);
        Assert.StartsWith("PRB", improvement.ProblemNumber);
        var links = await (await maria.GetAsync($"/api/v1/tickets/{improvement.ProblemNumber}/links")).ReadAsync<List<LinkView>>();
        Assert.Subset(links.Select(l => l.Number).ToHashSet(), numbers.ToHashSet());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var detail = await (await maria.GetAsync($"/api/v1/demand/patterns/{pattern.Id}")).ReadAsync<PatternDetail>();
        Assert.Contains(detail.Actions, a => a.ProblemNumber == improvement.ProblemNumber);
    }

    [Fact]
    public async Task AKnowledgeDraftIsBuiltFromTheResolutionNotesAndClosesTheKnowledgeGap()
    {
        var (numbers, pattern) = await RecurringIncidentsAsync("Headset microphone muted in every call");
        using var sam = await server.ClientForAsync("sam");
        using var maria = await server.ClientForAsync("maria");
        var samUser = await server.FindUserAsync("sam");
        foreach (var number in numbers.Take(3))
        {
            (await sam.AssignAsync(number, null, samUser.Id)).EnsureSuccessStatusCode();
            (await sam.TransitionAsync(number, Domain.Tickets.TicketAction.Resolve, resolutionCode: Domain.Tickets.ResolutionCode.Fixed, notes: "Switched off the hardware mute on the headset cable.")).EnsureSuccessStatusCode();
        }

        var drafted = await maria.PostAsync($"/api/v1/demand/patterns/{pattern.Id}/article", null);
        var again = await maria.PostAsync($"/api/v1/demand/patterns/{pattern.Id}/article", null);

        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var improvement = await drafted.ReadAsync<ImprovementView>();
        Assert.Equal(PatternAction.Knowledge, improvement.Action);
        var article = await maria.GetStringAsync($"/api/v1/knowledge/{improvement.ArticleId}");
        Assert.Contains("Switched off the hardware mute on the headset cable.", article, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var report = await (await maria.GetAsync("/api/v1/insights/demand")).ReadAsync<DemandReport>();
        Assert.DoesNotContain(report.KnowledgeGaps, g => g.Id == pattern.Id);
    }

    [Fact]
    public async Task AnImprovementKeepsItsBaselineAndIsMeasuredInTheWeeksSince()
    {
        var (_, pattern) = await RecurringIncidentsAsync("Meeting room Orion projector shows no signal");
        using var maria = await server.ClientForAsync("maria");
        var startedAt = DateTime.UtcNow.AddDays(-21);

        var recorded = await maria.PostAsJsonAsync($"/api/v1/demand/patterns/{pattern.Id}/improvements",
            new { action = "knowledge", description = "Article on switching the projector input", startedAt });
        var report = await (await maria.GetAsync("/api/v1/insights/demand")).ReadAsync<DemandReport>();

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var taken = Assert.Single(report.Actions, a => a.PatternId == pattern.Id && a.Description.Contains("projector", StringComparison.Ordinal));
        Assert.True(taken.BaselinePerWeek >= 0);
        Assert.InRange(taken.WeeksAfter, 2, 3);
        // The six tickets arrived this week, after the action's week.
        Assert.True(taken.AfterPerWeek >= 6.0 / taken.WeeksAfter);
    }

    [Fact]
    public async Task ANewTicketJoinsTheNearestPatternSoItsVolumeKeepsBeingCounted()
    {
        var (_, pattern) = await RecurringIncidentsAsync("Car park barrier does not open for staff passes");
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.ClientForAsync("maria");

        var newer = await olivia.CreateTicketAsync("Car park barrier does not open for staff passes", description: "It happened again this morning at the front entrance.");
        await WaitUntilPlacedAsync(maria);
        var detail = await (await maria.GetAsync($"/api/v1/demand/patterns/{pattern.Id}")).ReadAsync<PatternDetail>();

        Assert.Equal(pattern.Tickets + 1, detail.Pattern.Tickets);
        Assert.Contains(detail.Examples, e => e.Number == newer.Number);
    }

    /// <summary>The placement worker runs every second in tests; a read never places tickets itself.</summary>
    private static async Task WaitUntilPlacedAsync(HttpClient manager)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await (await manager.GetAsync("/api/v1/insights/demand")).ReadAsync<DemandReport>()).WaitingTickets == 0)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("New tickets were not placed in their patterns within 10 s.");
    }

    [Fact]
    public async Task DiscoveriesAndPlacementsAtOnceAllSucceedAndLeaveEachTicketInOneCurrentPattern()
    {
        using var maria = await server.ClientForAsync("maria");
        using var olivia = await server.ClientForAsync("olivia");
        (await maria.PostAsJsonAsync("/api/v1/demand/discoveries", new { })).EnsureSuccessStatusCode();
        using var stop = new CancellationTokenSource();
        var arriving = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await olivia.CreateTicketAsync($"Shared drive mapping lost after reboot {i}", description: "The S: drive is gone again.");
            }
        });
        // Placing in a loop, not once a second as the worker does, so placements overlap the discoveries.
        var placing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var scope = server.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<DemandPatterns>().PlaceNewTicketsAsync(CancellationToken.None);
            }
        });
        // A manager acting on a pattern meanwhile hears it is done, that it was done already (a problem is open, an
        // article drafted) or that the pattern is no longer current; never a server error.
        using var manager = await server.ClientForAsync("maria");
        var actions = new System.Collections.Concurrent.ConcurrentQueue<HttpStatusCode>();
        var acting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var pattern = (await (await manager.GetAsync("/api/v1/demand/patterns")).ReadAsync<List<PatternSummary>>())[0];
                actions.Enqueue((await manager.PostAsJsonAsync($"/api/v1/demand/patterns/{pattern.Id}/improvements", new { action = "automate", description = "Script remaps the drive at sign-in" })).StatusCode);
                actions.Enqueue((await manager.PostAsync($"/api/v1/demand/patterns/{pattern.Id}/problem", null)).StatusCode);
                actions.Enqueue((await manager.PostAsync($"/api/v1/demand/patterns/{pattern.Id}/article", null)).StatusCode);
            }
        });

        // Rounds of two discoveries at once, until the actions have met several of them.
        var discoveries = new List<HttpResponseMessage>();
        for (var round = 0; round < 3 || (round < 30 && (actions.Count < 30 || !actions.Contains(HttpStatusCode.Created))); round++)
        {
            discoveries.AddRange(await Task.WhenAll(
                maria.PostAsJsonAsync("/api/v1/demand/discoveries", new { }),
                maria.PostAsJsonAsync("/api/v1/demand/discoveries", new { })));
        }
        await stop.CancelAsync();
        await Task.WhenAll(arriving, placing, acting);

        Assert.All(discoveries, d => Assert.Equal(HttpStatusCode.Created, d.StatusCode));
        Assert.All(actions, a => Assert.Contains(a, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.NotFound }));
        Assert.Contains(HttpStatusCode.Created, actions);
        var ticketsInTwoPatterns = await server.WithDbAsync(db => db.PatternMembers
            .Where(m => db.Patterns.Any(p => p.Id == m.PatternId && !p.IsRetired))
            .GroupBy(m => m.TicketId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync());
        Assert.Empty(ticketsInTwoPatterns);
    }

    [Theory]
    [InlineData("""{"description":"x"}""", "action")]
    [InlineData("""{"action":"watch","description":"x"}""", "action")]
    [InlineData("""{"action":"automate","description":"   "}""", "description")]
    [InlineData("""{"action":"automate","description":"x","startedAt":"2999-01-01T00:00:00Z"}""", "startedAt")]
    [InlineData("""{"action":"automate","description":"x","ownerId":"00000000-0000-0000-0000-000000000001"}""", "ownerId")]
    public async Task AnImprovementWithoutAnActionOrDescriptionIsRefusedByName(string body, string field)
    {
        using var maria = await server.ClientForAsync("maria");
        (await maria.PostAsJsonAsync("/api/v1/demand/discoveries", new { })).EnsureSuccessStatusCode();
        var pattern = (await (await maria.GetAsync("/api/v1/demand/patterns")).ReadAsync<List<PatternSummary>>())[0];

        var response = await maria.PostAsync($"/api/v1/demand/patterns/{pattern.Id}/improvements", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ProblemAsync()).Errors!.Keys);
    }

    [Fact]
    public async Task UnknownPatternsAndImpossiblePatternCountsAreRefusedWithoutAServerError()
    {
        using var maria = await server.ClientForAsync("maria");

        var unknown = await maria.GetAsync("/api/v1/demand/patterns/999999");
        var problem = await maria.PostAsync("/api/v1/demand/patterns/999999/problem", null);
        var improvement = await maria.PostAsJsonAsync("/api/v1/demand/patterns/999999/improvements", new { action = "automate", description = "x" });
        var zero = await maria.PostAsJsonAsync("/api/v1/demand/discoveries", new { patterns = 0 });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, improvement.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemandApiOnSqlite(SqliteServer server) : DemandApiTests(server);

[Collection(PostgresCollection.Name)]
public sealed class DemandApiOnPostgres(PostgresServer server) : DemandApiTests(server);
