using System.Threading.Channels;
using Frontline.Domain.Tickets;

namespace Frontline.Features.Tickets;

/// <summary>A ticket changed; open queues and ticket pages refresh themselves from this.</summary>
public sealed record TicketChanged(long TicketId, string Number, int? GroupId, Guid? OwnerId, Guid RequesterId, TicketStatus Status);

/// <summary>
/// Tells live pages that a ticket changed. Pages subscribe over their Blazor (SignalR) circuit; with
/// several nodes on one PostgreSQL database, <see cref="PostgresTicketRelay"/> carries each change to
/// the other nodes, so a queue open on node B sees a ticket created through node A.
/// </summary>
public sealed class TicketFeed
{
    private Channel<TicketChanged>? toOtherNodes;

    public event Action<TicketChanged>? Changed;

    public void Publish(TicketChanged change)
    {
        Changed?.Invoke(change);
        toOtherNodes?.Writer.TryWrite(change);
    }

    public static TicketChanged Of(Data.Ticket ticket) =>
        new(ticket.Id, ticket.Number, ticket.GroupId, ticket.OwnerId, ticket.RequesterId, ticket.Status);

    /// <summary>Changes made here, for the relay to send on. Live updates are a courtesy: when the relay
    /// falls far behind, the oldest are dropped rather than holding memory (pages reload on the next one).</summary>
    internal ChannelReader<TicketChanged> RelayOutbound()
    {
        toOtherNodes ??= Channel.CreateBounded<TicketChanged>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        return toOtherNodes.Reader;
    }

    /// <summary>A change another node made: shown to this node's pages, not sent back out.</summary>
    internal void Deliver(TicketChanged change) => Changed?.Invoke(change);
}
