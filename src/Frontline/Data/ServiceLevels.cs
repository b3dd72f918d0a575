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
