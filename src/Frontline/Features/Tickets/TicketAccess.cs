using Frontline.Data;
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

    /// <summary>Whether the caller may work the ticket (assign, transition, note), not just look at it.</summary>
    public static bool CanWork(this Caller caller, Ticket ticket) =>
        caller.IsManager || (caller.IsAgent && (ticket.GroupId is null || caller.GroupIds.Contains(ticket.GroupId.Value) || ticket.OwnerId == caller.Id));

    /// <summary>Requesters may reply to, cancel, confirm or reopen what they asked for.</summary>
    public static bool IsRequesterOf(this Caller caller, Ticket ticket) => ticket.RequesterId == caller.Id;
}
