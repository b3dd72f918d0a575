using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.ServiceLevels;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

/// <summary>At-risk and breach alarms fire once each, however many workers look and however often the node restarts.</summary>
public abstract class ServiceLevelAlarmTests(FrontlineServer server)
{
    /// <summary>A worker as a fresh node or a restarted one has it: its own scope, nothing remembered in memory.</summary>
    private async Task<int> RunWorkerAsync(DateTime now, ServiceLevelSetup? setup = null)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var alarms = setup is null
            ? services.GetRequiredService<ServiceLevelAlarms>()
            : new ServiceLevelAlarms(services.GetRequiredService<FrontlineDb>(), services.GetRequiredService<TicketServiceLevels>(), setup, services.GetRequiredService<TicketFeed>());
        return await alarms.FireDueAsync(now, CancellationToken.None);
    }

    private Task<List<ServiceLevelAlarm>> AlarmsOfAsync(long ticketId) =>
        server.WithDbAsync(db => db.ServiceLevelAlarms.AsNoTracking().Where(a => a.TicketId == ticketId).ToListAsync());

    private Task<List<TicketEvent>> AlarmNotesOfAsync(long ticketId) =>
        server.WithDbAsync(db => db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticketId && e.Kind == TicketEventKind.ServiceLevelAlarm).ToListAsync());

    [Fact]
    public async Task TwoWorkersAtOnceFireEachBreachOnce()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Finance share unreachable", groupId: await server.GroupIdAsync("Service Desk"));
        var monthLater = DateTime.UtcNow.AddDays(30);

        await Task.WhenAll(RunWorkerAsync(monthLater), RunWorkerAsync(monthLater));

        var alarms = await AlarmsOfAsync(ticket.Id);
        Assert.Contains(alarms, a => a.Clock == "SLA Resolution" && a.Kind == AlarmKind.Breach);
        Assert.Contains(alarms, a => a.Clock == "OLA Service Desk Resolution" && a.Kind == AlarmKind.Breach);
        Assert.Equal(alarms.Count, alarms.Select(a => (a.Clock, a.Kind)).Distinct().Count());
        Assert.Equal(alarms.Count, (await AlarmNotesOfAsync(ticket.Id)).Count);
    }

    [Fact]
    public async Task ARestartedWorkerFiresNothingAgain()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Laptop dock flickers");
        var monthLater = DateTime.UtcNow.AddDays(30);
        await RunWorkerAsync(monthLater);
        var before = await AlarmsOfAsync(ticket.Id);

        await RunWorkerAsync(monthLater.AddMinutes(5));

        Assert.NotEmpty(before);
        Assert.Equal(before.Count, (await AlarmsOfAsync(ticket.Id)).Count);
        Assert.Equal(before.Count, (await AlarmNotesOfAsync(ticket.Id)).Count);
    }

    [Fact]
    public async Task AtRiskFiresBeforeTheBreachAndSaysHowMuchIsUsed()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Payroll run stuck", impact: Impact.High, urgency: Urgency.High);

        // P1 resolves in 4 hours round the clock: at risk after 3.
        await RunWorkerAsync(ticket.CreatedAt.AddHours(3.5));

        var resolution = (await AlarmsOfAsync(ticket.Id)).Where(a => a.Clock == "SLA Resolution").ToList();
        var atRisk = Assert.Single(resolution);
        Assert.Equal(AlarmKind.AtRisk, atRisk.Kind);
        Assert.Contains(await AlarmNotesOfAsync(ticket.Id), n => n.Before == "SLA Resolution" && n.After!.Contains("210 of 240 working minutes used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABreachRuleCanHandTheTicketToAnotherGroup()
    {
        using var sam = await server.ClientForAsync("sam");
        var network = await server.GroupIdAsync("Network & Infrastructure");
        var ticket = await sam.CreateTicketAsync("Core router alarm", groupId: await server.GroupIdAsync("Service Desk"));
        (await sam.PostAsync($"/api/v1/tickets/{ticket.Number}/escalations", HttpAnswers.Raw("""{"supplier":"Acme Networks"}"""))).EnsureSuccessStatusCode();
        var setup = server.Services.GetRequiredService<ServiceLevelSetup>() with
        {
            AlarmRules = [new AlarmRule(AlarmKind.Breach, Agreement.Uc, ticket.Priority, AlarmAction.Reassign, "Network & Infrastructure")],
        };

        await RunWorkerAsync(DateTime.UtcNow.AddDays(30), setup);

        var after = await sam.GetTicketAsync(ticket.Number);
        Assert.Equal(network, after.Group!.Id);
        Assert.Contains(await AlarmNotesOfAsync(ticket.Id), n => n.After!.Contains("reassigned to Network & Infrastructure", StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ServiceLevelAlarmsOnSqlite(SqliteServer server) : ServiceLevelAlarmTests(server);

[Collection(PostgresCollection.Name)]
public sealed class ServiceLevelAlarmsOnPostgres(PostgresServer server) : ServiceLevelAlarmTests(server);
