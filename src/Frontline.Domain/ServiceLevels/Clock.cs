using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>Replays a ticket's clock facts into the state of one SLA, OLA or UC clock at an instant.</summary>
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
        foreach (var fact in facts.Where(f => BusinessCalendar.Utc(f.At) <= now).OrderBy(f => f.At))
        {
            replay.Apply(fact with { At = BusinessCalendar.Utc(fact.At) });
        }
        replay.AdvanceTo(now);
        return replay.State();
    }

    private enum Ending
    {
        None,
        Stopped,
        Cancelled,
    }

    /// <summary>The clock's bookkeeping while the facts are replayed in order.</summary>
    private sealed class Replay(ClockDefinition definition)
    {
        private readonly BusinessCalendar calendar = definition.Calendar;

        // Where each run of the current cycle began and how much had elapsed by then, so that "when did elapsed
        // reach X" is one calendar addition from the right run.
        private readonly List<(DateTime Start, TimeSpan ElapsedBefore)> runs = [];

        private bool started;
        private Ending ending;
        private DateTime? endedAt;
        private PendingReason? pending;
        private TimeSpan target = definition.Target;
        private TimeSpan elapsed;
        private TimeSpan pausedTotal;
        private DateTime? breachedAt;
        private int earlierBreaches;
        private DateTime accountedTo;

        private bool Live => started && ending == Ending.None;

        private bool Paused => Live && pending is { } reason && definition.PausesOn.Contains(reason);

        private bool Running => Live && !Paused;

        public void Apply(ClockFact fact)
        {
            AdvanceTo(fact.At);
            var wasRunning = Running;
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
                    (ending, endedAt) = (Ending.Stopped, fact.At);
                    break;
                case ClockCancelled when Live:
                    (ending, endedAt) = (Ending.Cancelled, fact.At);
                    break;
                case ClockRetargeted retargeted:
                    ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retargeted.Target, TimeSpan.Zero, nameof(fact));
                    target = retargeted.Target;
                    break;
                case ClockRestarted when Live:
                    earlierBreaches += breachedAt is null ? 0 : 1;
                    (breachedAt, elapsed) = (null, TimeSpan.Zero);
                    runs.Clear();
                    wasRunning = false;
                    break;
            }
            if (!wasRunning && Running)
            {
                runs.Add((fact.At, elapsed));
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
            var worked = calendar.WorkingTimeBetween(from, instant);
            if (Paused)
            {
                pausedTotal += worked;
                return;
            }
            var left = target - elapsed;
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
                pausedTotal,
                endedAt);
        }

        /// <summary>When elapsed reached (or, running, will reach) <paramref name="amount"/> in this cycle.</summary>
        private DateTime? ReachedAt(TimeSpan amount)
        {
            if (amount > elapsed && !Running)
            {
                return null;
            }
            var run = runs.FindLast(r => r.ElapsedBefore < amount);
            return run.Start == default ? null : calendar.AddWorkingTime(run.Start, amount - run.ElapsedBefore);
        }
    }
}
