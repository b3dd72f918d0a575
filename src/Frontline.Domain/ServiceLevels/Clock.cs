using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>Replays one clock's facts into the state of that SLA, OLA or UC clock at an instant.</summary>
public static class Clock
{
    /// <summary>
    /// The clock as of <paramref name="nowUtc"/>. Facts after it are ignored, so the same history answers
    /// "as of" any past instant; facts at the same instant apply in the order given.
    /// </summary>
    public static ClockState Evaluate(ClockDefinition definition, IReadOnlyList<ClockFact> facts, DateTime nowUtc)
    {
        var now = BusinessCalendar.Utc(nowUtc);
        var replay = new Replay(definition);
        foreach (var fact in InOrder(facts))
        {
            var at = BusinessCalendar.Utc(fact.At);
            if (at > now)
            {
                break;
            }
            replay.Apply(fact, at);
        }
        replay.AdvanceTo(now);
        return replay.State();
    }

    /// <summary>The facts by instant, keeping the given order within an instant; the host's history is usually sorted already.</summary>
    private static IEnumerable<ClockFact> InOrder(IReadOnlyList<ClockFact> facts)
    {
        for (var i = 1; i < facts.Count; i++)
        {
            if (facts[i].At < facts[i - 1].At)
            {
                return facts.OrderBy(f => f.At);
            }
        }
        return facts;
    }

    private enum Ending
    {
        None,
        Stopped,
        Cancelled,
    }

    /// <summary>The clock's bookkeeping while the facts are replayed in order.</summary>
    private sealed class Replay(ClockDefinition first)
    {
        // Where each run of the current cycle began, how much had elapsed by then and on which calendar it counts,
        // so that "when did elapsed reach X" is one calendar addition from the right run.
        private readonly List<(DateTime Start, TimeSpan ElapsedBefore, BusinessCalendar Calendar)> runs = [];
        private readonly Dictionary<PendingReason, TimeSpan> pausedFor = [];

        private ClockDefinition definition = first;
        private bool started;
        private Ending ending;
        private DateTime? endedAt;
        private PendingReason? pending;
        private TimeSpan elapsed;
        private DateTime? breachedAt;
        private int earlierBreaches;
        private DateTime accountedTo;

        private bool Live => started && ending == Ending.None;

        private bool Paused => Live && pending is { } reason && definition.PausesOn.Contains(reason);

        private bool Running => Live && !Paused;

        public void Apply(ClockFact fact, DateTime at)
        {
            AdvanceTo(at);
            var wasRunning = Running;
            var newRun = false;
            switch (fact)
            {
                case ClockStarted when !started:
                    started = true;
                    break;
                case ClockStarted or ClockResumed:
                    pending = null;
                    (ending, endedAt) = (Ending.None, null);
                    break;
                case ClockPaused paused:
                    pending = paused.Reason;
                    break;
                case ClockStopped when Live:
                    (ending, endedAt) = (Ending.Stopped, at);
                    break;
                case ClockCancelled when Live:
                    (ending, endedAt) = (Ending.Cancelled, at);
                    break;
                case ClockRetargeted retargeted:
                    definition = retargeted.Definition;
                    // A running clock may now count on another calendar, so its projection starts afresh here.
                    newRun = true;
                    break;
                case ClockRestarted when Live:
                    earlierBreaches += breachedAt is null ? 0 : 1;
                    (breachedAt, elapsed) = (null, TimeSpan.Zero);
                    runs.Clear();
                    newRun = true;
                    break;
            }
            if (Running && (newRun || !wasRunning))
            {
                runs.Add((at, elapsed, definition.Calendar));
            }
        }

        /// <summary>Counts the working time from the last fact to <paramref name="instant"/>, running or paused.</summary>
        public void AdvanceTo(DateTime instant)
        {
            var from = accountedTo;
            accountedTo = instant;
            if (!Live || instant <= from)
            {
                return;
            }
            var calendar = definition.Calendar;
            var worked = calendar.WorkingTimeBetween(from, instant);
            if (Paused)
            {
                pausedFor[pending!.Value] = pausedFor.GetValueOrDefault(pending.Value) + worked;
                return;
            }
            var left = definition.Target - elapsed;
            if (breachedAt is null)
            {
                // Breached once the clock runs on past the moment its target ran out; stopping exactly then is met.
                var ranOut = left <= TimeSpan.Zero ? from : worked >= left ? calendar.AddWorkingTime(from, left) : (DateTime?)null;
                if (ranOut < instant)
                {
                    breachedAt = ranOut;
                }
            }
            elapsed += worked;
        }

        public ClockState State()
        {
            var status = !started ? ClockStatus.NotStarted
                : ending == Ending.Cancelled ? ClockStatus.Cancelled
                : breachedAt is not null ? ClockStatus.Breached
                : ending == Ending.Stopped ? ClockStatus.Met
                : Paused ? ClockStatus.Paused
                : ClockStatus.Running;
            var target = definition.Target;
            var atRiskFrom = target * definition.AtRiskThreshold;
            return new ClockState(
                status,
                Paused ? pending : null,
                target,
                elapsed,
                target > elapsed ? target - elapsed : TimeSpan.Zero,
                Running ? ReachedAt(target) : null,
                ReachedAt(atRiskFrom),
                status is ClockStatus.Running or ClockStatus.Paused && elapsed >= atRiskFrom,
                breachedAt,
                earlierBreaches,
                pausedFor.Count == 0 ? NoPauses : new SortedDictionary<PendingReason, TimeSpan>(pausedFor),
                endedAt);
        }

        private static readonly IReadOnlyDictionary<PendingReason, TimeSpan> NoPauses = new SortedDictionary<PendingReason, TimeSpan>();

        /// <summary>When elapsed reached (or, running, will reach) <paramref name="amount"/> in this cycle.</summary>
        private DateTime? ReachedAt(TimeSpan amount)
        {
            if (amount > elapsed && !Running)
            {
                return null;
            }
            var i = runs.FindLastIndex(r => r.ElapsedBefore < amount);
            return i < 0 ? null : runs[i].Calendar.AddWorkingTime(runs[i].Start, amount - runs[i].ElapsedBefore);
        }
    }
}
