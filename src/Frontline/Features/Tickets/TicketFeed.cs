using Frontline.Domain.Tickets;

namespace Frontline.Features.Tickets;

/// <summary>A ticket changed; open queues and ticket pages refresh themselves from this.</summary>
public sealed record TicketChanged(long TicketId, string Number, int? GroupId, Guid? OwnerId, Guid RequesterId, TicketStatus Status);

/// <summary>
/// Tells this node's live pages that a ticket changed. Pages subscribe over their Blazor (SignalR) circuit.
/// </summary>
public sealed class TicketFeed
{
    public event Action<TicketChanged>? Changed;

    public void Publish(TicketChanged change) => Changed?.Invoke(change);

    public static TicketChanged Of(Data.Ticket ticket) =>
        new(ticket.Id, ticket.Number, ticket.GroupId, ticket.OwnerId, ticket.RequesterId, ticket.Status);
}
