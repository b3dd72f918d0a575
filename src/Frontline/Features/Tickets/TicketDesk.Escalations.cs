using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Tickets;

public sealed partial class TicketDesk
{
    public const int SupplierReferenceMaxLength = 200;

    /// <summary>
    /// Hands an open ticket to a supplier: a history line that starts the supplier's UC clock on its own calendar.
    /// The caller has checked that the supplier exists; one escalation to a supplier is open at a time.
    /// </summary>
    public async Task<Outcome<Ticket>> EscalateAsync(Caller caller, string number, string supplier, string? reference, CancellationToken cancellationToken)
    {
        var found = await WorkableAsync(caller, number, "Only the desk escalates tickets to suppliers.", cancellationToken);
        if (found.Value is not { } ticket)
        {
            return found;
        }
        if (!ticket.Status.IsOpen())
        {
            return Outcome<Ticket>.Conflict($"{ticket.Number} is {TicketLifecycle.Describe(ticket.Status)}; reopen it before escalating.");
        }
        var text = reference?.Trim();
        if (text?.Length > SupplierReferenceMaxLength)
        {
            return Outcome<Ticket>.Invalid("reference", $"Keep the supplier's reference under {SupplierReferenceMaxLength} characters.");
        }
        if ((await OpenEscalationsAsync(ticket.Id, cancellationToken)).Contains(supplier))
        {
            return Outcome<Ticket>.Conflict($"{ticket.Number} is already with {supplier}.");
        }
        return await CommitAsync(caller, ticket, [], cancellationToken,
            new TicketEvent { Kind = TicketEventKind.Escalated, Field = "supplier", Before = string.IsNullOrEmpty(text) ? null : text, After = supplier });
    }

    /// <summary>The supplier handed the ticket back: its UC clock stops.</summary>
    public async Task<Outcome<Ticket>> ReturnFromSupplierAsync(Caller caller, string number, string supplier, CancellationToken cancellationToken)
    {
        var found = await WorkableAsync(caller, number, "Only the desk takes tickets back from suppliers.", cancellationToken);
        if (found.Value is not { } ticket)
        {
            return found;
        }
        var open = await OpenEscalationsAsync(ticket.Id, cancellationToken);
        if (!open.TryGetValue(supplier, out var name))
        {
            return Outcome<Ticket>.Conflict($"{ticket.Number} has no open escalation to {supplier}.");
        }
        return await CommitAsync(caller, ticket, [], cancellationToken, new TicketEvent { Kind = TicketEventKind.EscalationReturned, Field = "supplier", After = name });
    }

    /// <summary>The ticket, if the caller can see it and works it; otherwise why not.</summary>
    private async Task<Outcome<Ticket>> WorkableAsync(Caller caller, string number, string forbidden, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        return ticket is null ? Outcome<Ticket>.NotFound($"There is no ticket {number} you can see.")
            : !caller.CanWork(ticket) ? Outcome<Ticket>.Forbidden(forbidden)
            : ticket;
    }

    /// <summary>
    /// The suppliers a ticket is with now, replayed from its history as the clocks do: escalated and not returned,
    /// and not since resolved or cancelled (which ends every escalation).
    /// </summary>
    public async Task<HashSet<string>> OpenEscalationsAsync(long ticketId, CancellationToken cancellationToken)
    {
        var lines = await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId && (e.Kind == TicketEventKind.Escalated || e.Kind == TicketEventKind.EscalationReturned
                || (e.Kind == TicketEventKind.Changed && e.Field == "status")))
            .OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.After })
            .ToListAsync(cancellationToken);
        var open = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            switch (line.Kind)
            {
                case TicketEventKind.Escalated:
                    open.Add(line.After!);
                    break;
                case TicketEventKind.EscalationReturned:
                    open.Remove(line.After!);
                    break;
                case TicketEventKind.Changed when Enum.TryParse<TicketStatus>(line.After, out var status) && !status.IsOpen():
                    open.Clear();
                    break;
            }
        }
        return open;
    }
}
