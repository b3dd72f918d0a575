namespace Frontline.Domain.ServiceLevels;

/// <summary>A normal week: the shifts of each day of the week, in the calendar's local time.</summary>
public sealed class WorkingHours
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private readonly Shift[][] days;

    private WorkingHours(Shift[][] days) => this.days = days;

    public static WorkingHours Closed { get; } = new(Enumerable.Range(0, 7).Select(_ => Array.Empty<Shift>()).ToArray());

    /// <summary>Round the clock, every day (24x7).</summary>
    public static WorkingHours Always { get; } = new(Enumerable.Range(0, 7).Select(_ => new[] { Shift.AllDay }).ToArray());

    /// <summary>The same shifts Monday to Friday, closed at the weekend: <c>MondayToFriday("08:00-12:00", "13:00-17:00")</c>.</summary>
    public static WorkingHours MondayToFriday(params string[] shifts) =>
        Weekdays.Aggregate(Closed, (hours, day) => hours.With(day, shifts.Select(Shift.Parse)));

    /// <summary>A copy where <paramref name="day"/> has these shifts instead (none: closed that day).</summary>
    public WorkingHours With(DayOfWeek day, IEnumerable<Shift> shifts)
    {
        var copy = (Shift[][])days.Clone();
        copy[(int)day] = Shifts.Normalise(shifts);
        return new WorkingHours(copy);
    }

    public WorkingHours With(DayOfWeek day, params string[] shifts) => With(day, shifts.Select(Shift.Parse));

    public IReadOnlyList<Shift> On(DayOfWeek day) => days[(int)day];

    public TimeSpan WeeklyTotal => new(days.Sum(day => day.Sum(shift => shift.Length.Ticks)));

    public override string ToString() =>
        string.Join("; ", Enum.GetValues<DayOfWeek>()
            .Where(day => days[(int)day].Length > 0)
            .Select(day => $"{day.ToString()[..3]} {string.Join(", ", days[(int)day])}"));
}
