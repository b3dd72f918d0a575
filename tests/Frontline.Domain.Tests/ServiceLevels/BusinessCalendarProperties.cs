using FsCheck.Xunit;
using Frontline.Domain.ServiceLevels;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>The calendar engine walks intervals; the reference steps minute by minute through the wall clock.</summary>
[Properties(Arbitrary = [typeof(ServiceLevelArbitraries)], MaxTest = 150)]
public class BusinessCalendarProperties
{
    [Property]
    public void Working_intervals_are_exactly_the_working_minutes(CalendarCase @case, byte days)
    {
        var calendar = @case.Calendar();
        var end = @case.Start.AddMinutes(days % 5 * 1440 + days);

        var engine = calendar.WorkingIntervals(@case.Start, end).ToList();

        var reference = Minutes(@case.Start, end).Where(@case.IsWorkingMinute).ToList();
        var fromEngine = engine.SelectMany(i => Minutes(i.Start, i.End)).ToList();
        Assert.Equal(reference, fromEngine);
        Assert.Equal(TimeSpan.FromMinutes(reference.Count), calendar.WorkingTimeBetween(@case.Start, end));
        Assert.All(engine.Zip(engine.Skip(1)), pair => Assert.True(pair.First.End < pair.Second.Start, "intervals are merged and ordered"));
    }

    [Property]
    public void Is_working_agrees_with_the_wall_clock(CalendarCase @case, ushort minute)
    {
        var instant = @case.Start.AddMinutes(minute % (4 * 1440));

        Assert.Equal(@case.IsWorkingMinute(instant), @case.Calendar().IsWorking(instant));
    }

    [Property]
    public void Deadline_is_the_end_of_the_nth_working_minute(CalendarCase @case, ushort amount)
    {
        // Bounded by two weeks' work so that the reference never steps for months through a sparse calendar.
        var minutes = amount % Math.Min(900, 2 * @case.WeeklyMinutes);

        var deadline = @case.Calendar().AddWorkingTime(@case.Start, TimeSpan.FromMinutes(minutes));

        var reference = @case.Start;
        for (var counted = 0; counted < minutes; reference = reference.AddMinutes(1))
        {
            counted += @case.IsWorkingMinute(reference) ? 1 : 0;
        }
        Assert.Equal(reference, deadline);
    }

    [Property]
    public void Working_time_to_a_deadline_is_the_time_added(CalendarCase @case, uint ticks)
    {
        // Any amount, not just whole minutes: the engine must not round.
        var amount = new TimeSpan(ticks % TimeSpan.FromHours(20).Ticks);
        var calendar = @case.Calendar();

        var deadline = calendar.AddWorkingTime(@case.Start, amount);

        Assert.Equal(amount, calendar.WorkingTimeBetween(@case.Start, deadline));
    }

    internal static IEnumerable<DateTime> Minutes(DateTime from, DateTime to)
    {
        for (var minute = from; minute < to; minute = minute.AddMinutes(1))
        {
            yield return minute;
        }
    }
}
