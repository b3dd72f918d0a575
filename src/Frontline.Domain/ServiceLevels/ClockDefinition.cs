using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>Whom a target is promised to: the requester (SLA), by an internal group (OLA), by a supplier (UC).</summary>
public enum Agreement
{
    Sla,
    Ola,
    Uc,
}

/// <summary>What a clock measures; <see cref="TicketClocks"/> decides from the history what stops or restarts it.</summary>
public enum TargetKind
{
    /// <summary>Stopped by the first public reply (a group also answers by handing the ticket on; a supplier by its first reply).</summary>
    FirstResponse,

    /// <summary>Stopped by resolution (for an OLA also by the ticket leaving the group; for a UC by the supplier handing it back).</summary>
    Resolution,

    /// <summary>Restarted by every public reply (a supplier's by its replies): the time since the last one must stay under the target.</summary>
    UpdateCadence,
}

/// <summary>One target: how much working time on which calendar, which waits pause it, and when it is at risk.</summary>
public sealed record ClockDefinition
{
    public ClockDefinition(
        string name,
        Agreement agreement,
        TargetKind kind,
        TimeSpan target,
        BusinessCalendar calendar,
        IEnumerable<PendingReason>? pausesOn = null,
        double atRiskThreshold = 0.75)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, TimeSpan.Zero);
        if (atRiskThreshold is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(atRiskThreshold), "The at-risk threshold is a fraction of the target, above 0 and at most 1.");
        }
        Name = name;
        Agreement = agreement;
        Kind = kind;
        Target = target;
        Calendar = calendar;
        PausesOn = (pausesOn ?? []).ToHashSet();
        AtRiskThreshold = atRiskThreshold;
    }

    public string Name { get; }

    public Agreement Agreement { get; }

    public TargetKind Kind { get; }

    /// <summary>Working time allowed, on <see cref="Calendar"/>.</summary>
    public TimeSpan Target { get; }

    public BusinessCalendar Calendar { get; }

    public IReadOnlySet<PendingReason> PausesOn { get; }

    /// <summary>The fraction of the target after which the clock is at risk (0.75: three quarters used).</summary>
    public double AtRiskThreshold { get; }
}
