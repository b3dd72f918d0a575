namespace Frontline.Domain.Tickets;

public enum TicketStatus
{
    New,
    Assigned,
    InProgress,
    Pending,
    Resolved,
    Closed,
    Cancelled,
}

/// <summary>Why a ticket waits; the reason pauses clocks differently (see ServiceLevels).</summary>
public enum PendingReason
{
    Requester,
    Supplier,
    Change,
}

public enum ResolutionCode
{
    Fixed,
    Workaround,
    Fulfilled,
    NoFaultFound,
    Duplicate,
    UserError,
    Rejected,
}

public static class TicketStatusFacts
{
    /// <summary>Open means someone on the desk still owes work.</summary>
    public static bool IsOpen(this TicketStatus status) =>
        status is TicketStatus.New or TicketStatus.Assigned or TicketStatus.InProgress or TicketStatus.Pending;

    public static bool IsFinal(this TicketStatus status) => status is TicketStatus.Closed or TicketStatus.Cancelled;
}
