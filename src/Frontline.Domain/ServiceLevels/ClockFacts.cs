using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>
/// Something that happened to one clock, at a UTC instant. <see cref="TicketClocks"/> derives these from a ticket's
/// history: an SLA hears the whole ticket, an OLA only while its group holds the ticket, a UC only while its
/// escalation is open.
/// </summary>
public abstract record ClockFact(DateTime At);

/// <summary>The clock begins (ticket logged, reached the group, escalated to the supplier). A second start resumes it.</summary>
public sealed record ClockStarted(DateTime At) : ClockFact(At);

/// <summary>The ticket waits for a reason; the clock pauses only if its definition pauses on that reason.</summary>
public sealed record ClockPaused(DateTime At, PendingReason Reason) : ClockFact(At);

/// <summary>The ticket no longer waits; after a stop (a reopened ticket) the clock runs on from where it stopped.</summary>
public sealed record ClockResumed(DateTime At) : ClockFact(At);

/// <summary>The target was reached (responded, resolved, the group handed the ticket on): judged met or breached.</summary>
public sealed record ClockStopped(DateTime At) : ClockFact(At);

/// <summary>The clock ends without a judgement: the ticket was cancelled or logged in error.</summary>
public sealed record ClockCancelled(DateTime At) : ClockFact(At);

/// <summary>
/// From now on the clock is measured by another definition (a new priority chose another policy): its target,
/// calendar, pause rules and threshold apply from this instant, and the working time already elapsed counts
/// against the new target.
/// </summary>
public sealed record ClockRetargeted(DateTime At, ClockDefinition Definition) : ClockFact(At);

/// <summary>A new cycle begins from zero: a public update to the requester, for an update-cadence clock.</summary>
public sealed record ClockRestarted(DateTime At) : ClockFact(At);
