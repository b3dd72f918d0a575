using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>
/// One line of a ticket's history that service levels depend on, at a UTC instant. The host maps its ticket event
/// rows to these, in the order they happened; facts at the same instant apply in the order given.
/// </summary>
public abstract record TicketFact(DateTime At);

/// <summary>The ticket was logged, for this subject and (if it was routed at once) this group. Starts the SLA.</summary>
public sealed record TicketLogged(DateTime At, PolicySubject Subject, string? Group = null) : TicketFact(At);

/// <summary>The status changed; a pending ticket says what it waits for.</summary>
public sealed record StatusChanged(DateTime At, TicketStatus Status, PendingReason? Reason = null) : TicketFact(At);

/// <summary>The ticket moved to another resolver group (or to none): one OLA stops, another starts.</summary>
public sealed record GroupChanged(DateTime At, string? Group) : TicketFact(At);

/// <summary>The priority changed: policies are chosen again and running clocks keep their elapsed time.</summary>
public sealed record PriorityChanged(DateTime At, Priority Priority) : TicketFact(At);

/// <summary>The desk wrote to the requester: answers the first response and restarts the update cadence.</summary>
public sealed record PublicReplied(DateTime At) : TicketFact(At);

/// <summary>The ticket was handed to a supplier: a UC clock starts on the supplier's calendar.</summary>
public sealed record SupplierEscalated(DateTime At, string Supplier) : TicketFact(At);

/// <summary>The supplier answered the escalation: its first response, and a restart of its update cadence.</summary>
public sealed record SupplierReplied(DateTime At, string Supplier) : TicketFact(At);

/// <summary>The supplier handed the ticket back (fixed, or nothing more to do): its UC clock stops.</summary>
public sealed record SupplierReturned(DateTime At, string Supplier) : TicketFact(At);
