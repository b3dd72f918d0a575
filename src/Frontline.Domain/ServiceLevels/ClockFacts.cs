using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>
/// Something that happened to a ticket, as one clock sees it, at a UTC instant. The host turns a ticket's history
/// into the facts each clock listens to: an SLA hears the whole ticket, an OLA only its group's arrival and
/// departure, a UC only the escalation to its supplier.
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

/// <summary>The target changes (a new priority): the time already elapsed counts against the new target.</summary>
public sealed record ClockRetargeted(DateTime At, TimeSpan Target) : ClockFact(At);

/// <summary>A new cycle begins from zero: a public update to the requester, for an update-cadence clock.</summary>
public sealed record ClockRestarted(DateTime At) : ClockFact(At);
