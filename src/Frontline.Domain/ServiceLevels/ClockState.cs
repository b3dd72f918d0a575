using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

public enum ClockStatus
{
    NotStarted,
    Running,
    Paused,

    /// <summary>Stopped within its target.</summary>
    Met,

    /// <summary>Ran past its target, whether still running, paused or since stopped.</summary>
    Breached,

    /// <summary>Ended without a judgement.</summary>
    Cancelled,
}

/// <summary>A clock as of one instant. Durations are working time on the clock's calendar; instants are UTC.</summary>
/// <param name="WaitingOn">Why the clock is paused, while it is (also when already breached).</param>
/// <param name="Elapsed">Working time counted in the current cycle (an update-cadence clock restarts cycles).</param>
/// <param name="Remaining">Target less elapsed, never below zero.</param>
/// <param name="Deadline">When the target is (or was) used up if the clock keeps running; null unless running.</param>
/// <param name="AtRiskAt">When the at-risk threshold is (or was) reached; null if not reached and not running.</param>
/// <param name="BreachedAt">When the clock, running, ran out of target in this cycle: the deadline it missed.</param>
/// <param name="EarlierBreaches">Earlier cycles that breached.</param>
/// <param name="PausedFor">Working time the clock spent paused since it started, by the reason it waited for.</param>
/// <param name="EndedAt">When it was stopped or cancelled, if it is.</param>
public sealed record ClockState(
    ClockStatus Status,
    PendingReason? WaitingOn,
    TimeSpan Target,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    DateTime? Deadline,
    DateTime? AtRiskAt,
    bool IsAtRisk,
    DateTime? BreachedAt,
    int EarlierBreaches,
    IReadOnlyDictionary<PendingReason, TimeSpan> PausedFor,
    DateTime? EndedAt)
{
    public bool IsPaused => Status == ClockStatus.Paused;

    public bool IsBreached => Status == ClockStatus.Breached;

    public TimeSpan PausedTotal => new(PausedFor.Values.Sum(d => d.Ticks));

    /// <summary>
    /// The moments the host should announce: at risk (while not yet breached) and breach. A moment moves when the
    /// clock pauses or is re-targeted, so the host keys what it has fired by kind and instant, fires a due moment
    /// once, and wakes up for the earliest one still ahead.
    /// </summary>
    public IReadOnlyList<ClockAlarm> Alarms()
    {
        var alarms = new List<ClockAlarm>(2);
        if (Status is ClockStatus.Running or ClockStatus.Paused && AtRiskAt is { } atRisk)
        {
            alarms.Add(new ClockAlarm(AlarmKind.AtRisk, atRisk));
        }
        if ((BreachedAt ?? Deadline) is { } breach && Status is not ClockStatus.Cancelled)
        {
            alarms.Add(new ClockAlarm(AlarmKind.Breach, breach));
        }
        return alarms;
    }
}

public enum AlarmKind
{
    AtRisk,
    Breach,
}

/// <summary>A moment a clock crosses a line people are told about.</summary>
public sealed record ClockAlarm(AlarmKind Kind, DateTime At);
