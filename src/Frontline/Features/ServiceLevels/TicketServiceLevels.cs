using System.Globalization;
using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.ServiceLevels;

/// <summary>A clock as the API and pages show it. Durations in working minutes, instants UTC.</summary>
public sealed record ClockView(
    Agreement Agreement,
    string Scope,
    string Name,
    TargetKind Kind,
    string Policy,
    ClockStatus Status,
    double TargetMinutes,
    double ElapsedMinutes,
    double RemainingMinutes,
    DateTime? Deadline,
    bool IsAtRisk,
    bool IsBreached,
    bool IsPaused,
    PendingReason? WaitingOn,
    DateTime? BreachedAt,
    IReadOnlyDictionary<PendingReason, double> PausedMinutes)
{
    public static ClockView Of(ClockReport report) => new(
        report.Scope.Agreement, report.Scope.ToString(), report.Name, report.Kind, report.Policy, report.State.Status,
        report.State.Target.TotalMinutes, report.State.Elapsed.TotalMinutes, report.State.Remaining.TotalMinutes,
        report.State.Deadline, report.State.IsAtRisk, report.State.IsBreached, report.State.IsPaused, report.State.WaitingOn,
        report.State.BreachedAt, report.State.PausedFor.ToDictionary(p => p.Key, p => p.Value.TotalMinutes));
}

/// <summary>
/// Computes a ticket's clocks from its history every time it is asked, so a changed policy gives the same
/// answer for old tickets as for new ones and there is no stored clock to drift.
/// </summary>
public sealed class TicketServiceLevels(FrontlineDb db, TimeProvider clock, IReadOnlyList<ServiceLevelPolicy> policies)
{
    /// <summary>The only field changes clocks depend on; queues read this for every row, so the rest stay in the database.</summary>
    private static readonly string[] ClockFields = ["status", "pendingReason", "priority", "groupId"];

    public async Task<IReadOnlyList<ClockReport>> ForTicketAsync(long ticketId, CancellationToken cancellationToken) =>
        (await ForTicketsAsync([ticketId], cancellationToken)).GetValueOrDefault(ticketId) ?? [];

    public Task<Dictionary<long, IReadOnlyList<ClockReport>>> ForTicketsAsync(IReadOnlyCollection<long> ticketIds, CancellationToken cancellationToken) =>
        ForTicketsAsync(ticketIds, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>The clocks as of <paramref name="now"/> (history after it is ignored).</summary>
    public async Task<Dictionary<long, IReadOnlyList<ClockReport>>> ForTicketsAsync(IReadOnlyCollection<long> ticketIds, DateTime now, CancellationToken cancellationToken) =>
        (await HistoriesAsync(ticketIds, [], new Dictionary<long, Ticket>(), cancellationToken))
            .ToDictionary(h => h.Key, h => TicketClocks.Evaluate(h.Value.Facts, policies, now));

    /// <summary>
    /// What clocks read of each ticket's history: the facts, and the moves between groups and reopenings beside them.
    /// <paramref name="unsaved"/> are history lines of the unit of work not yet in the database, and
    /// <paramref name="tracked"/> the tickets it holds, whose fields are newer than the database's.
    /// </summary>
    internal async Task<Dictionary<long, ClockHistory>> HistoriesAsync(
        IReadOnlyCollection<long> ticketIds, IReadOnlyList<TicketEvent> unsaved, IReadOnlyDictionary<long, Ticket> tracked, CancellationToken cancellationToken)
    {
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => ticketIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Kind, t.Priority, t.ServiceId, t.GroupId, t.RequesterId, t.CreatedAt, t.Requester!.Organisation, t.Requester.IsVip })
            .ToListAsync(cancellationToken);
        var events = (await db.TicketEvents.AsNoTracking()
                .Where(e => ticketIds.Contains(e.TicketId) && (e.Kind == TicketEventKind.Replied
                    || e.Kind == TicketEventKind.Escalated || e.Kind == TicketEventKind.EscalationReturned
                    || (e.Kind == TicketEventKind.Changed && ClockFields.Contains(e.Field!))))
                .Select(e => new HistoryLine(e.TicketId, e.Id, e.At, e.ActorId, e.Kind, e.Field, e.Before, e.After))
                .ToListAsync(cancellationToken))
            // Unsaved lines come after the saved ones of the same instant, as their ids will.
            .Concat(unsaved.Select((e, i) => new HistoryLine(e.TicketId, long.MaxValue - unsaved.Count + i, e.At, e.ActorId, e.Kind, e.Field, e.Before, e.After)))
            .ToLookup(e => e.TicketId);
        var groupNames = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        return tickets.ToDictionary(t => t.Id, t =>
        {
            var (kind, serviceId) = tracked.TryGetValue(t.Id, out var current) ? (current.Kind, current.ServiceId) : (t.Kind, t.ServiceId);
            var lines = events[t.Id].OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
            var subject = new PolicySubject(kind, Initial(lines, "priority", t.Priority), serviceId, t.Organisation, t.IsVip);
            var facts = Facts(lines, subject, t.CreatedAt, t.RequesterId, Initial(lines, "groupId", t.GroupId), groupNames);
            return new ClockHistory(
                facts,
                lines.Count(l => l.Kind == TicketEventKind.Changed && l.Field == "groupId" && l.Before != null),
                lines.Count(l => l.Kind == TicketEventKind.Changed && l.Field == "status" && l.Before == nameof(TicketStatus.Resolved) && l.After != nameof(TicketStatus.Closed)),
                lines.Count == 0 ? t.CreatedAt : new[] { t.CreatedAt, lines[^1].At }.Max());
        });
    }

    /// <summary>The SLA clock closest to its deadline among those still running or paused: what a queue row shows.</summary>
    public static ClockReport? MostUrgent(IReadOnlyList<ClockReport> clocks) =>
        clocks.Where(c => c.Scope.Agreement == Agreement.Sla && c.State.Status is ClockStatus.Running or ClockStatus.Paused or ClockStatus.Breached && c.State.EndedAt is null)
            .OrderBy(c => c.State.Remaining)
            .FirstOrDefault();

    /// <param name="Reassignments">Moves between groups after the first routing.</param>
    /// <param name="Reopenings">Changes from resolved back to work (not on to closed).</param>
    /// <param name="LastAt">The latest instant the history speaks of.</param>
    internal sealed record ClockHistory(IReadOnlyList<TicketFact> Facts, int Reassignments, int Reopenings, DateTime LastAt);

    private sealed record HistoryLine(long TicketId, long Id, DateTime At, Guid? ActorId, TicketEventKind Kind, string? Field, string? Before, string? After);

    /// <summary>Where a field started: the "before" of its first recorded change, or its value now if it never changed.</summary>
    private static T Initial<T>(List<HistoryLine> lines, string field, T current)
    {
        var first = lines.FirstOrDefault(l => l.Kind == TicketEventKind.Changed && l.Field == field);
        return first is null ? current : Parse<T>(first.Before);
    }

    private static T Parse<T>(string? text)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (string.IsNullOrEmpty(text))
        {
            return default!;
        }
        return (T)(type.IsEnum ? Enum.Parse(type, text) : Convert.ChangeType(text, type, CultureInfo.InvariantCulture));
    }

    private static List<TicketFact> Facts(List<HistoryLine> lines, PolicySubject subject, DateTime createdAt, Guid requesterId, int? initialGroup, Dictionary<int, string> groupNames)
    {
        string? Name(int? id) => id is { } g ? groupNames.GetValueOrDefault(g, g.ToString(CultureInfo.InvariantCulture)) : null;
        var facts = new List<TicketFact> { new TicketLogged(createdAt, subject, Name(initialGroup)) };
        // One change commits several field lines at one instant; a pending status needs the reason written beside it.
        foreach (var moment in lines.GroupBy(l => l.At))
        {
            foreach (var line in moment)
            {
                switch (line.Kind, line.Field)
                {
                    case (TicketEventKind.Replied, _) when line.ActorId != requesterId:
                        facts.Add(new PublicReplied(line.At));
                        break;
                    case (TicketEventKind.Changed, "status"):
                        var reason = moment.FirstOrDefault(l => l.Field == "pendingReason")?.After;
                        facts.Add(new StatusChanged(line.At, Parse<TicketStatus>(line.After), Parse<PendingReason?>(reason)));
                        break;
                    case (TicketEventKind.Changed, "priority"):
                        facts.Add(new PriorityChanged(line.At, Parse<Priority>(line.After)));
                        break;
                    case (TicketEventKind.Changed, "groupId"):
                        facts.Add(new GroupChanged(line.At, Name(Parse<int?>(line.After))));
                        break;
                    case (TicketEventKind.Escalated, _):
                        facts.Add(new SupplierEscalated(line.At, line.After!));
                        break;
                    case (TicketEventKind.EscalationReturned, _):
                        facts.Add(new SupplierReturned(line.At, line.After!));
                        break;
                }
            }
        }
        return facts;
    }
}
