using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>Whom a target is promised to: the requester (SLA), by an internal group (OLA), by a supplier (UC).</summary>
public enum Agreement
{
    Sla,
    Ola,
    Uc,
}

/// <summary>What a clock measures. The host decides which facts stop or restart it; the arithmetic is the same.</summary>
public enum TargetKind
{
    /// <summary>Stopped by the first public response.</summary>
    FirstResponse,

    /// <summary>Stopped by resolution (or, for an OLA, by the ticket leaving the group).</summary>
    Resolution,

    /// <summary>Restarted by every public update: the time since the last one must stay under the target.</summary>
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
