using Frontline.Domain.ServiceLevels;

namespace Frontline.Data;

/// <summary>
/// An at-risk or breach alarm that was fired for one clock of a ticket. Its unique key (ticket, clock, kind) is what
/// makes an alarm fire once across restarts and nodes: the row and the alarm's action commit together or not at all.
/// </summary>
public sealed class ServiceLevelAlarm
{
    public long Id { get; set; }

    public long TicketId { get; set; }

    /// <summary>The clock as people read it: "SLA Resolution", "OLA Network Resolution", "UC Acme #2 Resolution".</summary>
    public required string Clock { get; set; }

    public AlarmKind Kind { get; set; }

    /// <summary>The moment the clock crossed the line, as the domain computed it.</summary>
    public DateTime Due { get; set; }

    public DateTime FiredAt { get; set; }

    /// <summary>What the rule did, in words, as written to the ticket's history.</summary>
    public string Done { get; set; } = "";
}

/// <summary>
/// A ticket's SLA as its history left it once resolved, closed or cancelled, so dashboards read one row instead of
/// replaying every clock. A row counts only while it matches the ticket's <see cref="TicketVersion"/> and the
/// node's <see cref="Policies"/>: a later change to the ticket, or changed targets, make it a row to write again.
/// </summary>
public sealed class ServiceLevelOutcome
{
    public long TicketId { get; set; }

    /// <summary>The ticket's version the row was computed from.</summary>
    public int TicketVersion { get; set; }

    /// <summary>A fingerprint of the SLA settings the row was computed under.</summary>
    public required string Policies { get; set; }

    /// <summary>No SLA clock breached.</summary>
    public bool SlaMet { get; set; }

    /// <summary>How the SLA's first response clock ended; null when no target applied.</summary>
    public ClockStatus? Response { get; set; }

    /// <summary>Working minutes the first response clock counted.</summary>
    public double? ResponseMinutes { get; set; }

    public ClockStatus? Resolution { get; set; }

    public double? ResolutionMinutes { get; set; }

    /// <summary>Working minutes the SLA resolution clock stood paused (pending on the requester or a supplier).</summary>
    public double ResolutionPausedMinutes { get; set; }

    /// <summary>Moves between groups after the first routing.</summary>
    public int Reassignments { get; set; }

    /// <summary>Times the ticket went from resolved back to work.</summary>
    public int Reopenings { get; set; }
}
