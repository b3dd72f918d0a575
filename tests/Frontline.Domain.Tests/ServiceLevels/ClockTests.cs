using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

public class ClockTests
{
    private static readonly BusinessCalendar Office =
        new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), WorkingHours.MondayToFriday("09:00-17:00"));

    // Monday 12 January 2026, London is on UTC.
    private static DateTime Monday(int hour, int minute = 0) => new(2026, 1, 12, hour, minute, 0, DateTimeKind.Utc);

    private static ClockDefinition Resolution(double hours, params PendingReason[] pausesOn) =>
        new("Resolve", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(hours), Office, pausesOn);

    [Fact]
    public void A_running_clock_shows_elapsed_remaining_and_its_deadline()
    {
        var state = Clock.Evaluate(Resolution(4), [new ClockStarted(Monday(9))], Monday(10));

        Assert.Equal(ClockStatus.Running, state.Status);
        Assert.Equal(TimeSpan.FromHours(1), state.Elapsed);
        Assert.Equal(TimeSpan.FromHours(3), state.Remaining);
        Assert.Equal(Monday(13), state.Deadline);
        Assert.Equal(Monday(12), state.AtRiskAt);
        Assert.False(state.IsAtRisk);
    }

    [Fact]
    public void A_clock_past_its_threshold_is_at_risk()
    {
        var state = Clock.Evaluate(Resolution(4), [new ClockStarted(Monday(9))], Monday(12, 30));

        Assert.True(state.IsAtRisk);
    }

    [Fact]
    public void Waiting_for_the_requester_pauses_and_keeps_the_reason_and_its_duration()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockPaused(Monday(10), PendingReason.Requester), new ClockResumed(Monday(12))];

        var paused = Clock.Evaluate(Resolution(4, PendingReason.Requester), facts, Monday(11));
        var resumed = Clock.Evaluate(Resolution(4, PendingReason.Requester), facts, Monday(13));

        Assert.Equal(ClockStatus.Paused, paused.Status);
        Assert.Equal(PendingReason.Requester, paused.WaitingOn);
        Assert.Null(paused.Deadline);
        Assert.Equal(TimeSpan.FromHours(2), resumed.Elapsed);
        Assert.Equal(TimeSpan.FromHours(2), resumed.PausedFor[PendingReason.Requester]);
        Assert.Equal(Monday(15), resumed.Deadline);
    }

    [Fact]
    public void A_wait_the_definition_does_not_pause_on_keeps_the_clock_running()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockPaused(Monday(10), PendingReason.Change)];

        var state = Clock.Evaluate(Resolution(4, PendingReason.Requester), facts, Monday(11));

        Assert.Equal(ClockStatus.Running, state.Status);
        Assert.Equal(TimeSpan.FromHours(2), state.Elapsed);
        Assert.Empty(state.PausedFor);
    }

    [Fact]
    public void Stopping_exactly_at_the_deadline_is_met()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockStopped(Monday(13))];

        var state = Clock.Evaluate(Resolution(4), facts, Monday(16));

        Assert.Equal(ClockStatus.Met, state.Status);
        Assert.Equal(Monday(13), state.EndedAt);
        Assert.Null(state.BreachedAt);
    }

    [Fact]
    public void Running_past_the_deadline_is_a_breach_at_the_deadline_even_once_stopped()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockStopped(Monday(13, 1))];

        var state = Clock.Evaluate(Resolution(4), facts, Monday(16));

        Assert.Equal(ClockStatus.Breached, state.Status);
        Assert.Equal(Monday(13), state.BreachedAt);
        Assert.True(state.IsBreached);
    }

    [Fact]
    public void Still_open_after_closing_time_on_the_last_day_is_a_breach_at_closing_time()
    {
        var state = Clock.Evaluate(Resolution(8), [new ClockStarted(Monday(9))], Monday(18));

        Assert.Equal(ClockStatus.Breached, state.Status);
        Assert.Equal(Monday(17), state.BreachedAt);
        Assert.Equal(TimeSpan.Zero, state.Remaining);
    }

    [Fact]
    public void A_new_target_keeps_the_time_already_elapsed()
    {
        var urgent = new ClockDefinition("Resolve P1", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(2), BusinessCalendar.AlwaysOpen);
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockRetargeted(Monday(10), urgent)];

        var state = Clock.Evaluate(Resolution(8), facts, Monday(10, 30));

        Assert.Equal(TimeSpan.FromHours(2), state.Target);
        Assert.Equal(TimeSpan.FromMinutes(90), state.Elapsed);
        Assert.Equal(Monday(10, 30) + TimeSpan.FromMinutes(30), state.Deadline);
    }

    [Fact]
    public void A_new_target_already_used_up_breaches_as_soon_as_the_clock_runs_on()
    {
        var tight = new ClockDefinition("Resolve P1", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(1), Office);
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockRetargeted(Monday(11), tight)];

        var state = Clock.Evaluate(Resolution(8), facts, Monday(12));

        Assert.Equal(Monday(11), state.BreachedAt);
    }

    [Fact]
    public void An_update_cadence_restarts_at_each_update_and_remembers_missed_cycles()
    {
        var cadence = new ClockDefinition("Update", Agreement.Sla, TargetKind.UpdateCadence, TimeSpan.FromHours(1), Office);
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockRestarted(Monday(10, 30)), new ClockRestarted(Monday(11))];

        var state = Clock.Evaluate(cadence, facts, Monday(11, 15));

        Assert.Equal(ClockStatus.Running, state.Status);
        Assert.Equal(TimeSpan.FromMinutes(15), state.Elapsed);
        Assert.Equal(1, state.EarlierBreaches);
    }

    [Fact]
    public void Facts_after_the_instant_asked_about_are_not_yet_known()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockStopped(Monday(10))];

        var asOf = Clock.Evaluate(Resolution(4), facts, Monday(9, 30));

        Assert.Equal(ClockStatus.Running, asOf.Status);
        Assert.Equal(TimeSpan.FromMinutes(30), asOf.Elapsed);
    }

    [Fact]
    public void A_cancelled_clock_is_not_judged()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockCancelled(Monday(10))];

        var state = Clock.Evaluate(Resolution(4), facts, Monday(16));

        Assert.Equal(ClockStatus.Cancelled, state.Status);
        Assert.Null(state.Deadline);
    }

    [Fact]
    public void A_clock_never_started_has_nothing_to_say()
    {
        var state = Clock.Evaluate(Resolution(4), [], Monday(16));

        Assert.Equal(ClockStatus.NotStarted, state.Status);
        Assert.Equal(TimeSpan.Zero, state.Elapsed);
    }

    [Fact]
    public void Facts_given_out_of_order_are_replayed_in_time_order()
    {
        ClockFact[] facts = [new ClockStopped(Monday(11)), new ClockStarted(Monday(9))];

        var state = Clock.Evaluate(Resolution(4), facts, Monday(16));

        Assert.Equal(TimeSpan.FromHours(2), state.Elapsed);
        Assert.Equal(ClockStatus.Met, state.Status);
    }

    [Fact]
    public void An_at_risk_threshold_outside_the_target_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ClockDefinition("Resolve", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(1), Office, atRiskThreshold: 1.5));
    }

    [Fact]
    public void A_running_clock_announces_its_at_risk_and_breach_moments_ahead()
    {
        var state = Clock.Evaluate(Resolution(4), [new ClockStarted(Monday(9))], Monday(10));

        Assert.Equal([new ClockAlarm(AlarmKind.AtRisk, Monday(12)), new ClockAlarm(AlarmKind.Breach, Monday(13))], state.Alarms());
    }

    [Fact]
    public void A_paused_clock_announces_no_breach_until_it_runs_again()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockPaused(Monday(10), PendingReason.Requester)];

        var state = Clock.Evaluate(Resolution(4, PendingReason.Requester), facts, Monday(11));

        Assert.Empty(state.Alarms());
    }

    [Fact]
    public void A_breached_clock_announces_only_the_breach_even_once_stopped()
    {
        ClockFact[] facts = [new ClockStarted(Monday(9)), new ClockStopped(Monday(14))];

        var state = Clock.Evaluate(Resolution(4), facts, Monday(16));

        Assert.Equal([new ClockAlarm(AlarmKind.Breach, Monday(13))], state.Alarms());
    }
}
