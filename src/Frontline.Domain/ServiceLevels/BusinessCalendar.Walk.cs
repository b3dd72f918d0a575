namespace Frontline.Domain.ServiceLevels;

public sealed partial class BusinessCalendar
{
    // Within a stretch of constant UTC offset, local time is UTC + offset, so the walk goes stretch by stretch and
    // lays each local date's shifts onto it. A stretch is at most a day: no time zone changes its offset twice
    // within one day and back again, which is what probing a day ahead assumes.
    private static readonly TimeSpan Probe = TimeSpan.FromDays(1);

    /// <summary>Working intervals from <paramref name="from"/> on, in order, not merged; endless without <paramref name="until"/>.</summary>
    private IEnumerable<WorkingInterval> Walk(DateTime from, DateTime? until)
    {
        var cursor = from;
        while (until is not { } stop || cursor < stop)
        {
            var offset = TimeZone.GetUtcOffset(cursor);
            var stretchEnd = NextOffsetChange(cursor, offset);
            if (until is { } end && stretchEnd > end)
            {
                stretchEnd = end;
            }
            foreach (var local in LocalIntervals(cursor + offset, stretchEnd + offset))
            {
                yield return new WorkingInterval(local.Start - offset, local.End - offset);
            }
            cursor = stretchEnd;
        }
    }

    /// <summary>The shifts of every local date that [localFrom, localTo) touches, clipped to it.</summary>
    private IEnumerable<WorkingInterval> LocalIntervals(DateTime localFrom, DateTime localTo)
    {
        for (var date = DateOnly.FromDateTime(localFrom); Midnight(date) < localTo; date = date.AddDays(1))
        {
            var midnight = Midnight(date);
            foreach (var shift in ShiftsOn(date))
            {
                var start = Later(midnight + shift.From, localFrom);
                var end = Earlier(midnight + shift.To, localTo);
                if (start < end)
                {
                    yield return new WorkingInterval(start, end);
                }
            }
        }
    }

    /// <summary>The first instant after <paramref name="cursor"/> with another offset, or a day later if none.</summary>
    private DateTime NextOffsetChange(DateTime cursor, TimeSpan offset)
    {
        var probe = cursor.Ticks > DateTime.MaxValue.Ticks - Probe.Ticks ? DateTime.MaxValue : cursor + Probe;
        if (TimeZone.GetUtcOffset(DateTime.SpecifyKind(probe, DateTimeKind.Utc)) == offset)
        {
            return probe;
        }
        // Bisect to the tick: about fifty look-ups, twice a year.
        var (before, after) = (cursor.Ticks, probe.Ticks);
        while (after - before > 1)
        {
            var middle = before + ((after - before) / 2);
            if (TimeZone.GetUtcOffset(new DateTime(middle, DateTimeKind.Utc)) == offset)
            {
                before = middle;
            }
            else
            {
                after = middle;
            }
        }
        return new DateTime(after, DateTimeKind.Utc);
    }

    private DateTime ToLocal(DateTime utc) => utc + TimeZone.GetUtcOffset(utc);

    private static DateTime Midnight(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
}
