using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;

namespace Frontline.Features.Tickets;

/// <summary>
/// Who sees which tickets, decided in the query so that a stranger's ticket is simply not found.
/// A manager sees all; an agent sees their groups' queues, the untriaged queue and their own work;
/// anyone sees what they requested or watch.
/// </summary>
public static class TicketAccess
{
    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, Caller caller)
    {
        if (caller.IsManager)
        {
            return tickets;
        }
        var id = caller.Id;
        if (caller.IsAgent)
        {
            var groups = caller.GroupIds;
            return tickets.Where(t => t.GroupId == null || groups.Contains(t.GroupId.Value) || t.OwnerId == id
                || t.RequesterId == id || t.Watchers.Any(w => w.UserId == id));
        }
        return tickets.Where(t => t.RequesterId == id || t.Watchers.Any(w => w.UserId == id));
    }

    /// <summary>
    /// The filter's matches the caller may see, for queues and their counts. For an agent's open work (no word search,
    /// no closed or cancelled tickets asked for) the visibility is read as one indexed branch per way of seeing a
    /// ticket (the groups and the untriaged queue, their own work, what they asked for, what they watch), each
    /// carrying the filter and served by an index alone, and the branches' ids joined. The single <c>OR</c> of
    /// <see cref="VisibleTo"/> can be decided only on a ticket's row, so "All my queues" read the row of every open
    /// ticket of every group: at a million tickets about 9,000 page reads an answer, and 94.5 ms p95 against 13.0 with
    /// the branches (bench/README.md, 5 December 2026). Every branch, what they watch included, carries the filter (see
    /// <see cref="Chosen"/>). A search or the archive keeps the <c>OR</c>: there a group's branch would gather its
    /// whole history. A requester's branches (what they asked for, what they watch) are small whatever the filter, so a
    /// requester always reads them.
    /// </summary>
    public static IQueryable<Ticket> VisibleMatches(this IQueryable<Ticket> tickets, Caller caller, TicketFilter filter, FrontlineDb db)
    {
        var matches = tickets.Matching(filter, db);
        if (caller.IsManager)
        {
            return matches;
        }
        var id = caller.Id;
        var theirs = matches.Where(t => t.RequesterId == id).Select(t => t.Id)
            .Union(db.TicketWatchers.Where(w => w.UserId == id).Join(matches, w => w.TicketId, t => t.Id, (w, t) => t.Id));
        if (!caller.IsAgent)
        {
            return Chosen(tickets, matches, theirs, db);
        }
        var liveWork = filter.Text is null && filter.Statuses.Count > 0 && !filter.Statuses.Any(s => s is TicketStatus.Closed or TicketStatus.Cancelled);
        if (!liveWork)
        {
            return matches.VisibleTo(caller);
        }
        var groups = caller.GroupIds;
        var seen = matches.Where(t => t.GroupId == null || groups.Contains(t.GroupId.Value)).Select(t => t.Id)
            .Union(matches.Where(t => t.OwnerId == id).Select(t => t.Id))
            .Union(theirs);
        return Chosen(tickets, matches, seen, db);
    }

    /// <summary>
    /// The tickets whose ids the branches chose; every branch already carries the filter. SQLite reads their sort keys
    /// from the status index alone, which is cheaper than reading each chosen row (a 17.8–19.6 ms p95 "All my queues"
    /// became 28.5–28.8 read by id). PostgreSQL must visit each index entry's row to check it is visible, and the pages
    /// of open tickets are rarely all-visible, so there the filter repeated on the ids walked every open ticket of the
    /// desk (6,306 row visits, 51 of the listing's 69 ms, for 779 tickets seen); it reads the chosen rows by id instead
    /// (bench/README.md, 6 December 2026).
    /// </summary>
    private static IQueryable<Ticket> Chosen(IQueryable<Ticket> tickets, IQueryable<Ticket> matches, IQueryable<long> ids, FrontlineDb db) =>
        db.Provider == DatabaseProvider.Postgres ? tickets.Where(t => ids.Contains(t.Id)) : matches.Where(t => ids.Contains(t.Id));

    /// <summary>
    /// The filter's matches the caller may see, for counting, as parts that never share a ticket, each counted from its
    /// own index: for an agent the untriaged queue and each of their groups (by group and status), then
    /// <see cref="OutsideTheirGroups"/>; for a requester what they asked for, then what they only watch. Counting the
    /// <c>OR</c> of <see cref="VisibleTo"/> instead read the row of every ticket in the asked statuses: an agent's queue
    /// page showing closed tickets took 2.7 s p95 for its counts at a million tickets (bench/README.md, 5 December 2026,
    /// evening). A word search keeps the <c>OR</c>, as its matches are few and already found.
    /// </summary>
    public static IReadOnlyList<IQueryable<Ticket>> VisibleParts(this IQueryable<Ticket> tickets, Caller caller, TicketFilter filter, FrontlineDb db)
    {
        if (caller.IsManager || filter.Text is not null)
        {
            return [tickets.VisibleMatches(caller, filter, db)];
        }
        var matches = tickets.Matching(filter, db);
        var id = caller.Id;
        if (!caller.IsAgent)
        {
            return [matches.Where(t => t.RequesterId == id), WatchedOnly(matches.Where(t => t.RequesterId != id), id, db)];
        }
        // A group each: with "GroupId IN (…)" for two groups SQLite chose the status index and read every row in it.
        var inTheirGroups = caller.GroupIds.Distinct().Select(group => matches.Where(t => t.GroupId == group));
        return [matches.Where(t => t.GroupId == null), .. inTheirGroups, .. tickets.OutsideTheirGroups(caller, filter, db)];
    }

    /// <summary>
    /// What an agent sees of the filter's matches outside the untriaged queue and their groups, as parts that never
    /// share a ticket: what they own there, then what they asked for there and do not own, then what they only watch.
    /// </summary>
    public static IReadOnlyList<IQueryable<Ticket>> OutsideTheirGroups(this IQueryable<Ticket> tickets, Caller caller, TicketFilter filter, FrontlineDb db)
    {
        var id = caller.Id;
        var groups = caller.GroupIds;
        var elsewhere = tickets.Matching(filter, db).Where(t => t.GroupId != null && !groups.Contains(t.GroupId.Value));
        return
        [
            elsewhere.Where(t => t.OwnerId == id),
            elsewhere.Where(t => t.RequesterId == id && t.OwnerId != id),
            WatchedOnly(elsewhere.Where(t => t.RequesterId != id && t.OwnerId != id), id, db),
        ];
    }

    /// <summary>
    /// The tickets the person watches, read from the watcher's side: as a condition on each ticket, SQLite walked the
    /// status index through every ticket in the asked statuses to test it.
    /// </summary>
    private static IQueryable<Ticket> WatchedOnly(IQueryable<Ticket> rest, Guid id, FrontlineDb db) =>
        db.TicketWatchers.Where(w => w.UserId == id).Join(rest, w => w.TicketId, t => t.Id, (w, t) => t);

    /// <summary>Whether the caller may work the ticket (assign, transition, note), not just look at it.</summary>
    public static bool CanWork(this Caller caller, Ticket ticket) =>
        caller.IsManager || (caller.IsAgent && (ticket.GroupId is null || caller.GroupIds.Contains(ticket.GroupId.Value) || ticket.OwnerId == caller.Id));

    /// <summary>Requesters may reply to, cancel, confirm or reopen what they asked for.</summary>
    public static bool IsRequesterOf(this Caller caller, Ticket ticket) => ticket.RequesterId == caller.Id;
}
