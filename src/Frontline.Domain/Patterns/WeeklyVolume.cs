namespace Frontline.Domain.Patterns;

/// <summary>How many tickets of a pattern arrived in the week starting on Monday <see cref="Week"/>.</summary>
public sealed record WeekCount(DateOnly Week, int Tickets);

/// <summary>Recent weeks against the weeks before them, and the least-squares slope over both (tickets per week, per week).</summary>
public sealed record Trend(double RecentPerWeek, double EarlierPerWeek, double SlopePerWeek)
{
    public double? Change => EarlierPerWeek > 0 ? (RecentPerWeek / EarlierPerWeek) - 1 : null;
}

/// <summary>A pattern's weekly volume in the weeks before an action and in the full weeks since (the action's own week counts on neither side).</summary>
public sealed record BeforeAfter(DateOnly ActionWeek, double BeforePerWeek, int WeeksBefore, double? AfterPerWeek, int WeeksAfter)
{
    public double? Change => AfterPerWeek is { } after && BeforePerWeek > 0 ? (after / BeforePerWeek) - 1 : null;
}

public static class WeeklyVolume
{
    /// <summary>Recent weeks for the trend; the earlier side is up to <see cref="TrendWindow"/> minus these.</summary>
    public const int RecentWeeks = 4;

    public const int TrendWindow = 12;

    /// <summary>How many weeks either side of an action its outcome is measured over.</summary>
    public const int OutcomeWindow = 8;

    public static DateOnly WeekOf(DateTime at)
    {
        var day = DateOnly.FromDateTime(at);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>Every week from the one holding <paramref name="from"/> through the one holding <paramref name="through"/>, empty weeks included.</summary>
    public static IReadOnlyList<WeekCount> Series(IEnumerable<DateTime> created, DateTime from, DateTime through)
    {
        var first = WeekOf(from);
        var last = WeekOf(through);
        var counts = created.Select(WeekOf).Where(w => w >= first && w <= last).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var series = new List<WeekCount>();
        for (var week = first; week <= last; week = week.AddDays(7))
        {
            series.Add(new WeekCount(week, counts.GetValueOrDefault(week)));
        }
        return series;
    }

    public static Trend TrendOf(IReadOnlyList<WeekCount> series)
    {
        var window = series.Skip(Math.Max(0, series.Count - TrendWindow)).Select(w => (double)w.Tickets).ToList();
        if (window.Count == 0)
        {
            return new Trend(0, 0, 0);
        }
        var recent = window.Skip(Math.Max(0, window.Count - RecentWeeks)).ToList();
        var earlier = window.Take(Math.Max(0, window.Count - RecentWeeks)).ToList();
        var meanX = (window.Count - 1) / 2.0;
        var meanY = window.Average();
        var spread = window.Select((_, x) => (x - meanX) * (x - meanX)).Sum();
        var slope = spread == 0 ? 0 : window.Select((y, x) => (x - meanX) * (y - meanY)).Sum() / spread;
        return new Trend(recent.Average(), earlier.Count == 0 ? 0 : earlier.Average(), slope);
    }

    public static BeforeAfter Compare(IReadOnlyList<WeekCount> series, DateTime actionAt)
    {
        var actionWeek = WeekOf(actionAt);
        var before = series.Where(w => w.Week < actionWeek).TakeLast(OutcomeWindow).ToList();
        var after = series.Where(w => w.Week > actionWeek).Take(OutcomeWindow).ToList();
        return new BeforeAfter(
            actionWeek,
            before.Count == 0 ? 0 : before.Average(w => w.Tickets),
            before.Count,
            after.Count == 0 ? null : after.Average(w => w.Tickets),
            after.Count);
    }
}
