using Frontline.Data;

namespace Frontline.Features.Tickets;

/// <summary>
/// What another feature writes in the same commit as new tickets: the intake writes tickets as plain rows, so
/// nothing watching EF Core's tracked changes sees them arrive (mail queues its "we have your ticket" here).
/// </summary>
public interface ITicketCreationHook
{
    /// <summary>Adds rows to <paramref name="db"/>; the intake saves them in the transaction that commits the tickets.</summary>
    void Creating(FrontlineDb db, IReadOnlyList<Ticket> tickets, DateTime now);
}
