using FsCheck;
using FsCheck.Fluent;
using Frontline.Domain.ServiceLevels;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>
/// A random business calendar, kept as plain data so that the minute-by-minute reference reads it without going
/// through the engine. Shifts are in minutes of the local day on a half-hour grid, so they land inside the hours
/// that daylight saving skips or repeats.
/// </summary>
public sealed record CalendarCase(
    string Zone,
    (int From, int To)[][] Week,
    DateOnly[] Holidays,
    (DateOnly Date, (int From, int To)[] Shifts)[] Special,
    DateTime Start)
{
    private static readonly string[] Zones = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];

    // The 2026 daylight-saving days of those zones (Lord Howe changes on Sydney's days, by half an hour): the walks start within a few days of one.
    private static readonly DateTime[] ChangeDays =
    [
        new(2026, 3, 29), new(2026, 10, 25), new(2026, 3, 8), new(2026, 11, 1), new(2026, 4, 5), new(2026, 10, 4),
    ];

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(Zone);

    public int WeeklyMinutes => Week.Sum(day => day.Sum(s => s.To - s.From));

    public BusinessCalendar Calendar()
    {
        var hours = Enumerable.Range(0, 7).Aggregate(WorkingHours.Closed, (h, d) => h.With((DayOfWeek)d, ToShifts(Week[d])));
        return new BusinessCalendar(TimeZone, hours, Holidays, Special.Select(s => new SpecialDay(s.Date, ToShifts(s.Shifts))));
    }

    /// <summary>The reference: is the local wall clock at this instant inside a shift of its local date?</summary>
    public bool IsWorkingMinute(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone);
        var date = DateOnly.FromDateTime(local);
        var minute = (int)local.TimeOfDay.TotalMinutes;
        var shifts = Special.Where(s => s.Date == date).Select(s => s.Shifts).FirstOrDefault()
            ?? (Holidays.Contains(date) ? [] : Week[(int)date.DayOfWeek]);
        return shifts.Any(s => s.From <= minute && minute < s.To);
    }

    public override string ToString() =>
        $"{Zone} from {Start:u}; week [{string.Join(" | ", Week.Select(Show))}]; holidays [{string.Join(", ", Holidays)}]; "
        + $"special [{string.Join(", ", Special.Select(s => $"{s.Date} {Show(s.Shifts)}"))}]";

    public static Gen<CalendarCase> Generator { get; } =
        from zone in Gen.Elements(Zones)
        from allDay in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        from week in allDay ? Gen.Constant(Enumerable.Repeat(new[] { (0, 1440) }, 7).ToArray()) : DayShifts.ArrayOf(7)
        from changeDay in Gen.Elements(ChangeDays)
        from startMinute in Gen.Choose(-3 * 1440, 1440)
        let start = DateTime.SpecifyKind(changeDay.AddMinutes(startMinute), DateTimeKind.Utc)
        let firstDay = DateOnly.FromDateTime(start).AddDays(-1)
        from holidays in Gen.Choose(0, 6).Select(firstDay.AddDays).ArrayOf().Select(d => d.Take(2).Distinct().ToArray())
        from special in Gen.Choose(0, 6).Select(firstDay.AddDays).SelectMany(d => DayShifts.Select(s => (d, s))).ArrayOf()
        select new CalendarCase(
            zone,
            week.Any(d => d.Length > 0) ? week : [[], [(540, 1020)], [], [], [], [], []],
            holidays,
            special.DistinctBy(s => s.d).Take(2).ToArray(),
            start);

    /// <summary>None, one or two shifts in a day, on the half-hour grid.</summary>
    private static Gen<(int From, int To)[]> DayShifts { get; } =
        from count in Gen.Choose(0, 2)
        from points in Gen.Choose(0, 48).ArrayOf(count * 2)
        select points.Distinct().Count() == count * 2
            ? points.Order().Chunk(2).Select(p => (p[0] * 30, p[1] * 30)).ToArray()
            : [];

    private static Shift[] ToShifts((int From, int To)[] shifts) =>
        shifts.Select(s => new Shift(TimeSpan.FromMinutes(s.From), TimeSpan.FromMinutes(s.To))).ToArray();

    private static string Show((int From, int To)[] shifts) => string.Join(",", ToShifts(shifts));
}

/// <summary>The arbitraries the property tests draw from.</summary>
public static class ServiceLevelArbitraries
{
    public static Arbitrary<CalendarCase> Calendars() => CalendarCase.Generator.ToArbitrary();
}
