namespace Frontline.Domain.ServiceLevels;

/// <summary>A local date that does not follow the normal week: other hours, closed (no shifts), or open on a closed day.</summary>
public sealed record SpecialDay
{
    public SpecialDay(DateOnly date, IEnumerable<Shift> shifts)
    {
        Date = date;
        Shifts = ServiceLevels.Shifts.Normalise(shifts);
    }

    public SpecialDay(DateOnly date, params string[] shifts) : this(date, shifts.Select(Shift.Parse))
    {
    }

    public DateOnly Date { get; }

    public IReadOnlyList<Shift> Shifts { get; }
}

/// <summary>
/// When a desk, group or supplier works: a time zone, a normal week, holidays and special days.
/// </summary>
/// <remarks>
/// An instant is working time when the wall clock in <see cref="TimeZone"/> reads a time inside a shift of that
/// local date. That one rule settles daylight saving: a 09:00–17:00 day stays 09:00–17:00 local on a change day;
/// a shift over the hour that the spring change skips is shorter by that hour (a shift starting in the skipped
/// hour starts when the clocks jump); a shift over the hour that the autumn change repeats works it twice.
/// A special day wins over a holiday on the same date, so "open 09:00–12:00 on Christmas Eve" can be said either way.
/// </remarks>
public sealed partial class BusinessCalendar
{
    private readonly HashSet<DateOnly> holidays;
    private readonly Dictionary<DateOnly, IReadOnlyList<Shift>> specialDays;

    public BusinessCalendar(
        TimeZoneInfo timeZone,
        WorkingHours hours,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<SpecialDay>? specialDays = null)
    {
        // A week with no working time would make every deadline infinitely far away.
        if (hours.WeeklyTotal == TimeSpan.Zero)
        {
            throw new ArgumentException("A business calendar needs some working hours in its normal week.", nameof(hours));
        }
        TimeZone = timeZone;
        Hours = hours;
        this.holidays = [.. holidays ?? []];
        this.specialDays = [];
        foreach (var day in specialDays ?? [])
        {
            if (!this.specialDays.TryAdd(day.Date, day.Shifts))
            {
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} has two special days.", nameof(specialDays));
            }
        }
    }

    /// <summary>Round the clock in UTC: the calendar of a 24x7 target.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(TimeZoneInfo.Utc, WorkingHours.Always);

    public TimeZoneInfo TimeZone { get; }

    public WorkingHours Hours { get; }

    public IReadOnlySet<DateOnly> Holidays => holidays;

    public IReadOnlyDictionary<DateOnly, IReadOnlyList<Shift>> SpecialDays => specialDays;

    /// <summary>Finds an IANA time zone ("Europe/London"); refused for an id this machine does not know.</summary>
    public static Result<TimeZoneInfo> FindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? Result<TimeZoneInfo>.Ok(zone)
            : Result<TimeZoneInfo>.Fail("timeZone", $"\"{id}\" is not a known time zone; use an IANA id such as Europe/London.");

    /// <summary>The shifts of a local date, after holidays and special days.</summary>
    public IReadOnlyList<Shift> ShiftsOn(DateOnly date) =>
        specialDays.TryGetValue(date, out var special) ? special
        : holidays.Contains(date) ? []
        : Hours.On(date.DayOfWeek);

    public bool IsWorking(DateTime utc)
    {
        var local = ToLocal(Utc(utc));
        return Shifts.Cover(ShiftsOn(DateOnly.FromDateTime(local)), local.TimeOfDay);
    }

    /// <summary>The working time in [start, end); negative when end is before start.</summary>
    public TimeSpan WorkingTimeBetween(DateTime utcStart, DateTime utcEnd)
    {
        if (utcEnd < utcStart)
        {
            return -WorkingTimeBetween(utcEnd, utcStart);
        }
        var ticks = 0L;
        foreach (var interval in WorkingIntervals(utcStart, utcEnd))
        {
            ticks += interval.Length.Ticks;
        }
        return new TimeSpan(ticks);
    }

    /// <summary>
    /// The instant at which <paramref name="business"/> working time has passed since <paramref name="utcStart"/>:
    /// a deadline. It ends inside working time (a deadline of 8h from Monday 09:00 on 09–17 is Monday 17:00, not
    /// Tuesday 09:00); zero gives the start back.
    /// </summary>
    public DateTime AddWorkingTime(DateTime utcStart, TimeSpan business)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(business, TimeSpan.Zero);
        var start = Utc(utcStart);
        if (business == TimeSpan.Zero)
        {
            return start;
        }
        var left = business;
        foreach (var interval in Walk(start, until: null))
        {
            if (left <= interval.Length)
            {
                return interval.Start + left;
            }
            left -= interval.Length;
        }
        throw new InvalidOperationException("Unreachable: the walk without an end is endless.");
    }

    /// <summary>The first working instant at or after <paramref name="utc"/>.</summary>
    public DateTime NextWorkingInstant(DateTime utc) => Walk(Utc(utc), until: null).First().Start;

    /// <summary>The working intervals within [start, end), in UTC, in order, touching intervals merged.</summary>
    public IEnumerable<WorkingInterval> WorkingIntervals(DateTime utcStart, DateTime utcEnd)
    {
        WorkingInterval? pending = null;
        foreach (var interval in Walk(Utc(utcStart), Utc(utcEnd)))
        {
            if (pending is { } open && open.End == interval.Start)
            {
                pending = open with { End = interval.End };
                continue;
            }
            if (pending is { } done)
            {
                yield return done;
            }
            pending = interval;
        }
        if (pending is { } last)
        {
            yield return last;
        }
    }

    /// <summary>Treats an unspecified kind as UTC; a local DateTime is a bug in the caller (whose local?).</summary>
    internal static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local
        ? throw new ArgumentException("Pass UTC instants: a local DateTime depends on the server's time zone.", nameof(time))
        : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}

/// <summary>A stretch of working time, in UTC: [Start, End).</summary>
public readonly record struct WorkingInterval(DateTime Start, DateTime End)
{
    public TimeSpan Length => End - Start;
}
