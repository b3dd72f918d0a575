using System.Globalization;
using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.Operations;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.ServiceLevels;

/// <summary>
/// Fires the at-risk and breach alarms the clocks have reached, each once: a <see cref="ServiceLevelAlarm"/> row and
/// the rule's action (a note in the history, a reassignment, a raised priority) commit together, and the row's unique
/// key refuses a second firing from another node or after a restart. On PostgreSQL a round also holds an advisory
/// lock, so nodes do not all replay the same clocks at once; SQLite runs one node.
/// </summary>
public sealed class ServiceLevelAlarms(FrontlineDb db, TicketServiceLevels levels, ServiceLevelSetup setup, TicketFeed feed)
{
    private const int Batch = 500;

    /// <summary>One key for the whole desk: "FLSLA" in ASCII.</summary>
    private const long RoundLock = 0x464C534C41;

    private static readonly TicketStatus[] OpenStatuses = [TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Pending];

    private sealed record Row(long Id, string Number, Priority Priority, TicketStatus Status, int? GroupId, Guid? OwnerId, Guid RequesterId);

    /// <summary>Fires every alarm of an open ticket that is due at <paramref name="now"/> and not fired yet; returns how many fired here.</summary>
    public Task<int> FireDueAsync(DateTime now, CancellationToken cancellationToken) =>
        NodeLocks.RunAloneAsync(db, RoundLock, () => FireAllAsync(now, cancellationToken), cancellationToken);

    private async Task<int> FireAllAsync(DateTime now, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Name, g => g.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var (fired, after) = (0, 0L);
        var raisedBy = now - setup.EarliestAlarm;
        while (true)
        {
            var rows = await db.Tickets.AsNoTracking()
                .Where(t => t.Id > after && OpenStatuses.Contains(t.Status) && t.CreatedAt <= raisedBy)
                .OrderBy(t => t.Id)
                .Take(Batch)
                .Select(t => new Row(t.Id, t.Number, t.Priority, t.Status, t.GroupId, t.OwnerId, t.RequesterId))
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return fired;
            }
            after = rows[^1].Id;
            var ids = rows.Select(r => r.Id).ToList();
            var clocks = await levels.ForTicketsAsync(ids, now, cancellationToken);
            var done = (await db.ServiceLevelAlarms.AsNoTracking().Where(a => ids.Contains(a.TicketId)).Select(a => new { a.TicketId, a.Clock, a.Kind }).ToListAsync(cancellationToken))
                .Select(a => (a.TicketId, a.Clock, a.Kind)).ToHashSet();
            foreach (var row in rows)
            {
                foreach (var report in clocks.GetValueOrDefault(row.Id, []))
                {
                    var name = ClockName(report);
                    foreach (var alarm in report.State.Alarms().Where(a => a.At <= now && !done.Contains((row.Id, name, a.Kind))))
                    {
                        if (await FireAsync(row, report, name, alarm, now, groups, cancellationToken))
                        {
                            fired++;
                        }
                    }
                }
            }
        }
    }

    /// <summary>How a clock is named in the alarm's key and the history: "SLA Resolution", "UC Acme #2 First response".</summary>
    public static string ClockName(ClockReport report) => $"{report.Scope} {report.Name}";

    private async Task<bool> FireAsync(Row row, ClockReport report, string clock, ClockAlarm alarm, DateTime now, Dictionary<string, int> groups, CancellationToken cancellationToken)
    {
        var rules = setup.AlarmRules.Where(r => r.Applies(alarm.Kind, report.Scope.Agreement, row.Priority)).ToList();
        var said = new List<string>();
        var events = new List<TicketEvent>();
        Ticket? ticket = null;
        foreach (var rule in rules)
        {
            switch (rule.Action)
            {
                case AlarmAction.Notify:
                    said.Add("the desk is told here");
                    break;
                case AlarmAction.Reassign when groups.TryGetValue(rule.Group!, out var group) && group != (ticket?.GroupId ?? row.GroupId):
                    ticket ??= await db.Tickets.SingleAsync(t => t.Id == row.Id, cancellationToken);
                    var status = TicketLifecycle.Assign(ticket.Status, willHaveOwner: false);
                    if (status.IsOk)
                    {
                        var changes = new List<FieldChange>();
                        TicketFields.Track(changes, "groupId", ticket.GroupId, (int?)group);
                        TicketFields.Track(changes, "ownerId", ticket.OwnerId, (Guid?)null);
                        TicketFields.Track(changes, "status", ticket.Status, status.Value);
                        (ticket.GroupId, ticket.OwnerId, ticket.Status) = (group, null, status.Value);
                        events.AddRange(changes.Select(c => Changed(c)));
                        said.Add($"reassigned to {rule.Group}");
                    }
                    break;
                case AlarmAction.RaisePriority when (ticket?.Priority ?? row.Priority) > Priority.P1:
                    ticket ??= await db.Tickets.SingleAsync(t => t.Id == row.Id, cancellationToken);
                    var raised = ticket.Priority - 1;
                    events.Add(Changed(new FieldChange("priority", TicketFields.Text(ticket.Priority), TicketFields.Text(raised))));
                    ticket.Priority = raised;
                    said.Add($"priority raised to {raised}");
                    break;
            }
        }
        var done = said.Count == 0 ? "no rule applies" : string.Join("; ", said);
        db.ServiceLevelAlarms.Add(new ServiceLevelAlarm { TicketId = row.Id, Clock = clock, Kind = alarm.Kind, Due = alarm.At, FiredAt = now, Done = done });
        if (said.Count > 0)
        {
            events.Insert(0, new TicketEvent { Kind = TicketEventKind.ServiceLevelAlarm, Field = alarm.Kind.ToString(), Before = clock, After = Describe(report, alarm, done) });
        }
        foreach (var evt in events)
        {
            (evt.TicketId, evt.At) = (row.Id, now);
            db.TicketEvents.Add(evt);
        }
        if (ticket is not null)
        {
            ticket.UpdatedAt = now;
            ticket.Version++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node fired it first (the unique key), or someone changed the ticket meanwhile: the next round sees the truth.
            db.ChangeTracker.Clear();
            return false;
        }
        db.ChangeTracker.Clear();
        feed.Publish(ticket is null ? new TicketChanged(row.Id, row.Number, row.GroupId, row.OwnerId, row.RequesterId, row.Status) : TicketFeed.Of(ticket));
        return true;
    }

    private static TicketEvent Changed(FieldChange change) =>
        new() { Kind = TicketEventKind.Changed, Field = change.Field, Before = change.Before, After = change.After };

    private static string Describe(ClockReport report, ClockAlarm alarm, string done)
    {
        var state = report.State;
        var when = alarm.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var what = alarm.Kind == AlarmKind.AtRisk
            ? $"{ClockName(report)} is at risk since {when}: {state.Elapsed.TotalMinutes:0} of {state.Target.TotalMinutes:0} working minutes used"
            : $"{ClockName(report)} breached at {when} ({report.Policy}, target {state.Target.TotalMinutes:0} working minutes)";
        return FormattableString.Invariant($"{what}; {done}.");
    }
}

/// <summary>Runs <see cref="ServiceLevelAlarms"/> every few seconds on every node; the database keeps the firing once.</summary>
public sealed class ServiceLevelAlarmWorker(IServiceScopeFactory scopes, ServiceLevelSetup setup, TimeProvider clock, ILogger<ServiceLevelAlarmWorker> logger)
    : PeriodicWorker(scopes, setup.AlarmCheckEvery, clock, logger)
{
    // A round that fails (database away) is tried again next tick; nothing fired is lost or repeated.
    protected override string RoundFailed => "Service level alarms could not be checked this round";

    protected override async Task RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var fired = await services.GetRequiredService<ServiceLevelAlarms>().FireDueAsync(Clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (fired > 0)
        {
            Logger.LogInformation("Fired {Count} service level alarms", fired);
        }
    }
}
