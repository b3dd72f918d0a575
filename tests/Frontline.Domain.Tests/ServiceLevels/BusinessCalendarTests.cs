using Frontline.Domain.ServiceLevels;

namespace Frontline.Domain.Tests.ServiceLevels;

public class BusinessCalendarTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static BusinessCalendar OfficeHours(TimeZoneInfo zone, params string[] shifts) =>
        new(zone, WorkingHours.MondayToFriday(shifts.Length == 0 ? ["09:00-17:00"] : shifts));

    private static BusinessCalendar Sundays(string zone, string shift) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone), WorkingHours.Closed.With(DayOfWeek.Sunday, shift));

    [Fact]
    public void A_full_day_of_work_ends_at_the_close_of_that_day_not_the_next_morning()
    {
        var calendar = OfficeHours(London);

        var deadline = calendar.AddWorkingTime(Utc(2026, 1, 12, 9), TimeSpan.FromHours(8));

        Assert.Equal(Utc(2026, 1, 12, 17), deadline);
    }

    [Fact]
    public void Office_hours_stay_on_the_local_wall_clock_in_summer_time()
    {
        var calendar = OfficeHours(London);

        var deadline = calendar.AddWorkingTime(Utc(2026, 7, 6, 8), TimeSpan.FromHours(8));

        Assert.Equal(Utc(2026, 7, 6, 16), deadline);
    }

    [Fact]
    public void Split_shifts_skip_the_lunch_break()
    {
        var calendar = OfficeHours(London, "08:00-12:00", "13:00-17:00");

        var deadline = calendar.AddWorkingTime(Utc(2026, 1, 12, 10), TimeSpan.FromHours(5));

        Assert.Equal(Utc(2026, 1, 12, 16), deadline);
    }

    [Fact]
    public void Friday_evening_work_carries_over_the_weekend_to_monday()
    {
        var calendar = OfficeHours(London);

        var deadline = calendar.AddWorkingTime(Utc(2026, 1, 16, 16), TimeSpan.FromHours(2));

        Assert.Equal(Utc(2026, 1, 19, 10), deadline);
    }

    [Fact]
    public void Round_the_clock_counts_real_time_across_the_spring_change()
    {
        var calendar = new BusinessCalendar(London, WorkingHours.Always);

        var worked = calendar.WorkingTimeBetween(Utc(2026, 3, 28, 12), Utc(2026, 3, 29, 12));

        Assert.Equal(TimeSpan.FromHours(24), worked);
    }

    [Theory]
    [InlineData("Europe/London", 2026, 3, 29, "00:00-03:00", 120)]
    [InlineData("Europe/London", 2026, 10, 25, "00:00-03:00", 240)]
    [InlineData("America/New_York", 2026, 3, 8, "01:00-04:00", 120)]
    [InlineData("America/New_York", 2026, 11, 1, "01:00-04:00", 240)]
    [InlineData("Australia/Sydney", 2026, 10, 4, "00:00-03:00", 120)]
    [InlineData("Australia/Lord_Howe", 2026, 10, 4, "00:00-04:00", 210)]
    [InlineData("Australia/Lord_Howe", 2026, 4, 5, "00:00-04:00", 270)]
    [InlineData("Asia/Kolkata", 2026, 3, 29, "00:00-03:00", 180)]
    public void A_night_shift_loses_the_skipped_hour_and_works_the_repeated_one_twice(
        string zone, int year, int month, int day, string shift, int expectedMinutes)
    {
        var calendar = Sundays(zone, shift);
        var around = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);

        var worked = calendar.WorkingTimeBetween(around.AddDays(-2), around.AddDays(2));

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), worked);
    }

    [Fact]
    public void A_shift_starting_in_the_skipped_hour_starts_when_the_clocks_jump()
    {
        var calendar = Sundays("Europe/London", "01:30-05:00");

        var first = calendar.NextWorkingInstant(Utc(2026, 3, 28, 12));

        Assert.Equal(Utc(2026, 3, 29, 1), first);
    }

    [Fact]
    public void A_holiday_is_closed_and_a_special_day_wins_over_it()
    {
        var christmasEve = new DateOnly(2026, 12, 24);
        var calendar = new BusinessCalendar(London, WorkingHours.MondayToFriday("09:00-17:00"),
            holidays: [christmasEve, new DateOnly(2026, 12, 25)],
            specialDays: [new SpecialDay(christmasEve, "09:00-12:00")]);

        var worked = calendar.WorkingTimeBetween(Utc(2026, 12, 24, 0), Utc(2026, 12, 26, 0));

        Assert.Equal(TimeSpan.FromHours(3), worked);
    }

    [Fact]
    public void A_special_day_can_open_a_closed_weekend()
    {
        var calendar = new BusinessCalendar(London, WorkingHours.MondayToFriday("09:00-17:00"),
            specialDays: [new SpecialDay(new DateOnly(2026, 1, 17), "10:00-14:00")]);

        Assert.True(calendar.IsWorking(Utc(2026, 1, 17, 11)));
        Assert.False(calendar.IsWorking(Utc(2026, 1, 18, 11)));
    }

    [Fact]
    public void Working_time_backwards_is_negative()
    {
        var calendar = OfficeHours(London);

        var worked = calendar.WorkingTimeBetween(Utc(2026, 1, 12, 12), Utc(2026, 1, 12, 10));

        Assert.Equal(TimeSpan.FromHours(-2), worked);
    }

    [Fact]
    public void An_iana_time_zone_is_found_and_an_unknown_one_is_refused_with_a_hint()
    {
        var known = BusinessCalendar.FindTimeZone("Australia/Lord_Howe");
        var unknown = BusinessCalendar.FindTimeZone("Mars/Olympus_Mons");

        Assert.True(known.IsOk);
        Assert.Equal("timeZone", unknown.Field);
        Assert.Contains("IANA", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_week_without_working_hours_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(London, WorkingHours.Closed));
    }

    [Fact]
    public void Overlapping_shifts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => WorkingHours.MondayToFriday("08:00-13:00", "12:00-17:00"));
    }

    [Fact]
    public void A_local_datetime_is_refused_because_whose_local_is_unknown()
    {
        var calendar = OfficeHours(London);

        Assert.Throws<ArgumentException>(() => calendar.IsWorking(new DateTime(2026, 1, 12, 10, 0, 0, DateTimeKind.Local)));
    }

    [Theory]
    [InlineData("08:00-12:00", 8 * 60, 12 * 60)]
    [InlineData("22:00–24:00", 22 * 60, 24 * 60)]
    [InlineData(" 00:00 - 00:30 ", 0, 30)]
    public void Shifts_read_from_text(string text, int from, int to)
    {
        var shift = Shift.Parse(text);

        Assert.Equal(new Shift(TimeSpan.FromMinutes(from), TimeSpan.FromMinutes(to)), shift);
    }

    [Theory]
    [InlineData("17:00-09:00")]
    [InlineData("09:00")]
    [InlineData("25:00-26:00")]
    public void A_shift_that_does_not_run_forward_within_a_day_is_refused(string text)
    {
        Assert.ThrowsAny<Exception>(() => Shift.Parse(text));
    }

    [Fact]
    public void Working_hours_describe_themselves_for_people()
    {
        var hours = WorkingHours.MondayToFriday("08:00-12:00", "13:00-17:00").With(DayOfWeek.Saturday, "09:00-12:00");

        Assert.Equal("Mon 08:00–12:00, 13:00–17:00; Tue 08:00–12:00, 13:00–17:00; Wed 08:00–12:00, 13:00–17:00; "
            + "Thu 08:00–12:00, 13:00–17:00; Fri 08:00–12:00, 13:00–17:00; Sat 09:00–12:00", hours.ToString());
    }
}
