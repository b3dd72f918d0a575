using Frontline.Domain.Patterns;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.Patterns;

public class PatternMeasuresTests
{
    private static readonly DateTime Monday = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static WorkEvent Status(int minutes, TicketStatus? before, TicketStatus after) =>
        new(Monday.AddMinutes(minutes), WorkEvent.StatusField, before?.ToString(), after.ToString());

    [Fact]
    public void Effort_is_time_in_progress_with_each_stretch_capped_at_a_working_day()
    {
        var history = new[]
        {
            Status(0, null, TicketStatus.New),
            Status(30, TicketStatus.New, TicketStatus.InProgress),
            Status(90, TicketStatus.InProgress, TicketStatus.Pending),
            Status(600, TicketStatus.Pending, TicketStatus.InProgress),
            Status(600 + (24 * 60), TicketStatus.InProgress, TicketStatus.Resolved),
        };

        var work = TicketWork.Replay(history, Monday.AddDays(5));

        Assert.Equal(60 + TicketWork.LongestStretchMinutes, work.HandlingMinutes);
    }

    [Fact]
    public void A_ticket_never_started_still_costs_a_standard_touch() =>
        Assert.Equal(TicketWork.StandardTouchMinutes, TicketWork.Replay([Status(0, null, TicketStatus.New)], Monday.AddDays(1)).HandlingMinutes);

    [Fact]
    public void Reopens_and_reassignments_are_counted_but_the_first_routing_is_not()
    {
        var history = new[]
        {
            new WorkEvent(Monday, WorkEvent.GroupField, null, "3"),
            Status(10, TicketStatus.New, TicketStatus.Resolved),
            Status(20, TicketStatus.Resolved, TicketStatus.InProgress),
            new WorkEvent(Monday.AddMinutes(30), WorkEvent.GroupField, "3", "5"),
            Status(40, TicketStatus.InProgress, TicketStatus.Resolved),
            Status(50, TicketStatus.Resolved, TicketStatus.Closed),
        };

        var work = TicketWork.Replay(history, Monday.AddDays(1));

        Assert.Equal((1, 1), (work.Reopens, work.Reassignments));
    }

    [Fact]
    public void Weeks_run_from_monday_and_empty_weeks_are_kept()
    {
        var created = new[] { Monday, Monday.AddDays(6), Monday.AddDays(15) };

        var series = WeeklyVolume.Series(created, Monday.AddDays(2), Monday.AddDays(16));

        Assert.Equal([2, 0, 1], series.Select(w => w.Tickets));
        Assert.Equal(DateOnly.FromDateTime(Monday), series[0].Week);
    }

    [Fact]
    public void The_trend_compares_the_last_four_weeks_with_the_weeks_before()
    {
        var created = Enumerable.Range(0, 8).SelectMany(week => Enumerable.Repeat(Monday.AddDays(7 * week), week < 4 ? 10 : 4));

        var trend = WeeklyVolume.TrendOf(WeeklyVolume.Series(created, Monday, Monday.AddDays(7 * 7)));

        Assert.Equal((4, 10), (trend.RecentPerWeek, trend.EarlierPerWeek));
        Assert.True(trend.SlopePerWeek < 0);
        Assert.Equal(-0.6, trend.Change!.Value, 6);
    }

    [Fact]
    public void An_action_is_measured_on_the_weeks_either_side_of_its_own()
    {
        var created = Enumerable.Range(0, 6).SelectMany(week => Enumerable.Repeat(Monday.AddDays(7 * week), week < 3 ? 9 : 3));
        var series = WeeklyVolume.Series(created, Monday, Monday.AddDays(7 * 5));

        var outcome = WeeklyVolume.Compare(series, Monday.AddDays(7 * 2) + TimeSpan.FromDays(2));

        Assert.Equal((9.0, 2, 3.0, 3), (outcome.BeforePerWeek, outcome.WeeksBefore, outcome.AfterPerWeek!.Value, outcome.WeeksAfter));
        Assert.Equal(-2.0 / 3, outcome.Change!.Value, 6);
    }

    [Fact]
    public void Purity_and_adjusted_rand_index_match_hand_computed_values()
    {
        int[] patterns = [0, 0, 0, 1, 1, 1];
        string[] labels = ["a", "a", "b", "b", "b", "b"];

        Assert.Equal(5.0 / 6, ClusterQuality.Purity(patterns, labels), 6);
        // Same-pattern-same-label pairs 4, expected by chance 6 × 7 / 15 = 2.8, the mean of the two sides 6.5: (4 − 2.8) / (6.5 − 2.8).
        Assert.Equal(0.324324, ClusterQuality.AdjustedRandIndex(patterns, labels), 5);
        Assert.Equal(1.0, ClusterQuality.AdjustedRandIndex(patterns, ["x", "x", "x", "y", "y", "y"]), 6);
    }

    [Fact]
    public void A_rediscovered_pattern_keeps_its_identity_when_it_holds_most_of_the_same_tickets()
    {
        var old = new Dictionary<long, IReadOnlySet<long>> { [7] = new HashSet<long> { 1, 2, 3, 4 }, [8] = new HashSet<long> { 5, 6 } };

        var matched = PatternLineage.Match(old, [new long[] { 1, 2, 3, 9 }, new long[] { 5, 10, 11, 12 }]);

        Assert.Equal([7, null], matched);
    }
}
