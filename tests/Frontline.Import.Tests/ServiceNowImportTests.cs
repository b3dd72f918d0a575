using Frontline.Data;
using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Import.Tests;

/// <summary>
/// The imported desk must tell the same story as the file. Every expectation is counted here from the raw
/// lines; the only number written down is the dataset's documented incident count.
/// </summary>
public abstract class ServiceNowImportTests(ServiceNowLogFixture log)
{
    private static readonly string[] DoneStates = ["Resolved", "Closed"];

    [Fact]
    public async Task Every_incident_becomes_one_ticket_keyed_by_its_number()
    {
        await using var db = log.Desk.Open();

        var tickets = await db.Tickets.CountAsync(t => t.ExternalRef!.StartsWith("servicenow:"));
        var kinds = await db.Tickets.Select(t => t.Kind).Distinct().ToListAsync();

        Assert.Equal(0, log.FirstImport.ExitCode);
        Assert.Equal(24_918, ServiceNowLogFixture.Incidents.Count);
        Assert.Equal(24_918, tickets);
        Assert.Equal([TicketKind.Incident], kinds);
        Assert.Contains("bad rows           0", log.FirstImport.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_source_state_is_entered_as_often_as_the_file_says()
    {
        var expected = ServiceNowLogFixture.Incidents
            .SelectMany(rows => rows.Select((row, i) => (State: row["incident_state"], Entered: i == 0 || rows[i - 1]["incident_state"] != row["incident_state"])))
            .Where(r => r.Entered)
            .GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());
        await using var db = log.Desk.Open();

        var actual = await db.TicketEvents.Where(e => e.Field == "servicenow.state")
            .GroupBy(e => e.After!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Final_status_follows_the_last_row_of_each_incident()
    {
        var expected = ServiceNowLogFixture.Incidents.GroupBy(rows => rows[^1]["incident_state"] switch
        {
            "Closed" => TicketStatus.Closed,
            "Resolved" => TicketStatus.Resolved,
            "New" => TicketStatus.New,
            "Active" => TicketStatus.InProgress,
            _ => TicketStatus.Pending,
        }).ToDictionary(g => g.Key, g => g.Count());
        await using var db = log.Desk.Open();

        var actual = await db.Tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Priorities_and_their_changes_match_the_file()
    {
        var expectedFinal = ServiceNowLogFixture.Incidents.GroupBy(rows => (Priority)(rows[^1]["priority"][0] - '0')).ToDictionary(g => g.Key, g => g.Count());
        var expectedChanges = ServiceNowLogFixture.Incidents.Sum(rows => rows.Zip(rows.Skip(1)).Count(p => p.First["priority"] != p.Second["priority"]));
        await using var db = log.Desk.Open();

        var actualFinal = await db.Tickets.GroupBy(t => t.Priority).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var actualChanges = await db.TicketEvents.CountAsync(e => e.Field == "priority" && e.Before != null);

        Assert.Equal(expectedFinal.OrderBy(p => p.Key), actualFinal.OrderBy(p => p.Key));
        Assert.Equal(expectedChanges, actualChanges);
    }

    [Fact]
    public async Task Reassignments_match_both_the_counter_and_the_group_changes()
    {
        var expectedCounter = ServiceNowLogFixture.Incidents.Sum(rows => int.Parse(rows[^1]["reassignment_count"], System.Globalization.CultureInfo.InvariantCulture));
        var expectedGroupLines = ServiceNowLogFixture.Incidents.Sum(rows => (rows[0]["assignment_group"] == "?" ? 0 : 1)
            + rows.Zip(rows.Skip(1)).Count(p => p.First["assignment_group"] != p.Second["assignment_group"]));
        await using var db = log.Desk.Open();

        var actualCounter = (await LastValuesAsync(db, "servicenow.reassignmentCount")).Values.Sum(int.Parse);
        var actualGroupLines = await db.TicketEvents.CountAsync(e => e.Field == "groupId");

        Assert.Equal(expectedCounter, actualCounter);
        Assert.Equal(expectedGroupLines, actualGroupLines);
    }

    [Fact]
    public async Task Reopens_match_the_counter_and_the_status_history()
    {
        var expected = ServiceNowLogFixture.Incidents.Sum(rows => int.Parse(rows[^1]["reopen_count"], System.Globalization.CultureInfo.InvariantCulture));
        await using var db = log.Desk.Open();

        var counter = (await LastValuesAsync(db, "servicenow.reopenCount")).Values.Sum(int.Parse);
        var reopenLines = await db.TicketEvents.CountAsync(e => e.Field == "status"
            && (e.Before == nameof(TicketStatus.Resolved) || e.Before == nameof(TicketStatus.Closed))
            && e.After != nameof(TicketStatus.Resolved) && e.After != nameof(TicketStatus.Closed));

        Assert.Equal(expected, counter);
        Assert.Equal(expected, reopenLines);
    }

    [Fact]
    public async Task Sla_outcomes_match_the_last_row_of_each_incident()
    {
        var expected = ServiceNowLogFixture.Incidents.GroupBy(rows => rows[^1]["made_sla"]).ToDictionary(g => g.Key, g => g.Count());
        await using var db = log.Desk.Open();

        var actual = (await LastValuesAsync(db, "madeSla")).Values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Resolved_incidents_carry_their_resolution()
    {
        var expectedResolutions = ServiceNowLogFixture.Incidents.Sum(rows => rows.Select((row, i) => (row, i))
            .Count(r => DoneStates.Contains(r.row["incident_state"]) && (r.i == 0 || !DoneStates.Contains(rows[r.i - 1]["incident_state"]))));
        await using var db = log.Desk.Open();

        var resolutionLines = await db.TicketEvents.CountAsync(e => e.Field == "resolutionNotes" && e.After != null);
        var closedWithoutDate = await db.Tickets.CountAsync(t => t.Status == TicketStatus.Closed && t.ClosedAt == null);

        Assert.Equal(expectedResolutions, resolutionLines);
        Assert.Equal(0, closedWithoutDate);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await using var db = log.Desk.Open();
        var before = (await db.Tickets.CountAsync(), await db.TicketEvents.CountAsync(), await db.Users.CountAsync(), await db.Groups.CountAsync(), await db.Categories.CountAsync());

        var again = await log.Desk.RunAsync("import", "servicenow-events", ServiceNowLogFixture.LogPath);

        var after = (await db.Tickets.CountAsync(), await db.TicketEvents.CountAsync(), await db.Users.CountAsync(), await db.Groups.CountAsync(), await db.Categories.CountAsync());
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before, after);
        Assert.Contains("already imported   24,918", again.Output, StringComparison.Ordinal);
    }

    /// <summary>The value a field ended at on each ticket: the After of its last history line.</summary>
    private static async Task<Dictionary<long, string>> LastValuesAsync(FrontlineDb db, string field) =>
        (await db.TicketEvents.Where(e => e.Field == field).OrderBy(e => e.Id).Select(e => new { e.TicketId, e.After }).ToListAsync())
            .GroupBy(e => e.TicketId).ToDictionary(g => g.Key, g => g.Last().After!);
}

public sealed class ServiceNowImportOnSqlite(SqliteServiceNowLog log) : ServiceNowImportTests(log), IClassFixture<SqliteServiceNowLog>;

public sealed class ServiceNowImportOnPostgres(PostgresServiceNowLog log) : ServiceNowImportTests(log), IClassFixture<PostgresServiceNowLog>;
