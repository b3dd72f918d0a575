using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>
/// The slow, obvious model the clock engine is checked against: it walks time one UTC minute at a time, asks the
/// time zone what the wall clock reads, and counts. Every instant the generators produce is on a whole minute, and
/// every time zone changes its offset on a whole minute, so a minute is either all working time or none.
/// </summary>
internal static class MinuteReference
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static bool IsWorking(BusinessCalendar calendar, DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, calendar.TimeZone);
        var date = DateOnly.FromDateTime(local);
        var shifts = calendar.SpecialDays.TryGetValue(date, out var special) ? special
            : calendar.Holidays.Contains(date) ? []
            : calendar.Hours.On(date.DayOfWeek);
        return shifts.Any(s => s.From <= local.TimeOfDay && local.TimeOfDay < s.To);
    }

    public static TimeSpan WorkingTimeBetween(BusinessCalendar calendar, DateTime from, DateTime to)
    {
        var minutes = 0;
        for (var t = from; t < to; t += Minute)
        {
            minutes += IsWorking(calendar, t) ? 1 : 0;
        }
        return TimeSpan.FromMinutes(minutes);
    }

    /// <summary>The end of the working minute in which <paramref name="business"/> (whole minutes) has passed.</summary>
    public static DateTime AddWorkingTime(BusinessCalendar calendar, DateTime from, TimeSpan business)
    {
        var left = business;
        var t = from;
        for (; left > TimeSpan.Zero; t += Minute)
        {
            left -= IsWorking(calendar, t) ? Minute : TimeSpan.Zero;
        }
        return t;
    }

    /// <summary>Replays the facts minute by minute, with the same meaning the engine documents.</summary>
    public static Expected Evaluate(ClockDefinition first, IReadOnlyList<ClockFact> facts, DateTime now)
    {
        var ordered = facts.Where(f => f.At <= now).OrderBy(f => f.At).ToList();
        var state = new State(first);
        var next = 0;
        var t = ordered.Count > 0 ? ordered[0].At : now;
        for (; t < now; t += Minute)
        {
            while (next < ordered.Count && ordered[next].At == t)
            {
                state.Apply(ordered[next++], t);
            }
            state.Count(t);
        }
        while (next < ordered.Count)
        {
            state.Apply(ordered[next++], t);
        }
        return state.Result(now);
    }

    internal sealed record Expected(
        ClockStatus Status,
        PendingReason? WaitingOn,
        TimeSpan Target,
        TimeSpan Elapsed,
        DateTime? Deadline,
        DateTime? AtRiskAt,
        bool IsAtRisk,
        DateTime? BreachedAt,
        int EarlierBreaches,
        IReadOnlyDictionary<PendingReason, TimeSpan> PausedFor,
        DateTime? EndedAt);

    private sealed class State(ClockDefinition first)
    {
        // The working minutes counted in this cycle with the elapsed time after each: "when was X reached".
        private readonly List<(DateTime Minute, TimeSpan After)> counted = [];
        private readonly SortedDictionary<PendingReason, TimeSpan> pausedFor = [];
        private ClockDefinition definition = first;
        private bool started;
        private bool stopped;
        private bool cancelled;
        private DateTime? endedAt;
        private PendingReason? pending;
        private TimeSpan elapsed;
        private DateTime? breachedAt;
        private int earlierBreaches;

        private bool Live => started && !stopped && !cancelled;

        private bool Paused => Live && pending is { } reason && definition.PausesOn.Contains(reason);

        private bool Running => Live && !Paused;

        public void Apply(ClockFact fact, DateTime at)
        {
            switch (fact)
            {
                case ClockStarted when !started:
                    started = true;
                    break;
                case ClockStarted or ClockResumed:
                    (pending, stopped, cancelled, endedAt) = (null, false, false, null);
                    break;
                case ClockPaused paused:
                    pending = paused.Reason;
                    break;
                case ClockStopped when Live:
                    (stopped, endedAt) = (true, at);
                    break;
                case ClockCancelled when Live:
                    (cancelled, endedAt) = (true, at);
                    break;
                case ClockRetargeted retargeted:
                    definition = retargeted.Definition;
                    break;
                case ClockRestarted when Live:
                    earlierBreaches += breachedAt is null ? 0 : 1;
                    (breachedAt, elapsed) = (null, TimeSpan.Zero);
                    counted.Clear();
                    break;
            }
        }

        public void Count(DateTime minute)
        {
            if (!Live)
            {
                return;
            }
            var working = IsWorking(definition.Calendar, minute);
            if (Paused)
            {
                pausedFor[pending!.Value] = pausedFor.GetValueOrDefault(pending.Value) + (working ? Minute : TimeSpan.Zero);
                return;
            }
            // Running on, in working time or not, with the target already used up: that is the breach.
            if (breachedAt is null && elapsed >= definition.Target)
            {
                breachedAt = minute;
            }
            if (working)
            {
                elapsed += Minute;
                counted.Add((minute, elapsed));
            }
        }

        public Expected Result(DateTime now)
        {
            var status = !started ? ClockStatus.NotStarted
                : cancelled ? ClockStatus.Cancelled
                : breachedAt is not null ? ClockStatus.Breached
                : stopped ? ClockStatus.Met
                : Paused ? ClockStatus.Paused
                : ClockStatus.Running;
            var target = definition.Target;
            var atRisk = target * definition.AtRiskThreshold;
            return new Expected(
                status,
                Paused ? pending : null,
                target,
                elapsed,
                Running ? ReachedAt(target, now) : null,
                ReachedAt(atRisk, now),
                status is ClockStatus.Running or ClockStatus.Paused && elapsed >= atRisk,
                breachedAt,
                earlierBreaches,
                pausedFor,
                endedAt);
        }

        private DateTime? ReachedAt(TimeSpan amount, DateTime now)
        {
            foreach (var (minute, after) in counted)
            {
                if (after >= amount)
                {
                    return minute + (amount - (after - Minute));
                }
            }
            if (!Running)
            {
                return null;
            }
            // Running and not there yet: go on counting the future, as the clock would if nothing else happened.
            var sum = elapsed;
            for (var t = now; t < now.AddDays(400); t += Minute)
            {
                if (IsWorking(definition.Calendar, t))
                {
                    sum += Minute;
                    if (sum >= amount)
                    {
                        return t + (amount - (sum - Minute));
                    }
                }
            }
            throw new InvalidOperationException("The generated calendar never reaches the target.");
        }
    }
}
