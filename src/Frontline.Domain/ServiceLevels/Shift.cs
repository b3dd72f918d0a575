using System.Globalization;

namespace Frontline.Domain.ServiceLevels;

/// <summary>
/// Local wall-clock hours within one day, from <see cref="From"/> (included) to <see cref="To"/> (excluded).
/// <see cref="To"/> may be 24:00 so that a shift can run to midnight.
/// </summary>
public readonly record struct Shift
{
    public static readonly TimeSpan Midnight = TimeSpan.FromHours(24);

    public Shift(TimeSpan from, TimeSpan to)
    {
        if (from < TimeSpan.Zero || to > Midnight || from >= to)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A shift runs forward within one day (00:00–24:00), not {from}–{to}.");
        }
        From = from;
        To = to;
    }

    public TimeSpan From { get; }

    public TimeSpan To { get; }

    public TimeSpan Length => To - From;

    public static Shift AllDay { get; } = new(TimeSpan.Zero, Midnight);

    public bool Contains(TimeSpan timeOfDay) => From <= timeOfDay && timeOfDay < To;

    /// <summary>Reads "08:00-12:00" (an en dash works too; "24:00" ends at midnight).</summary>
    public static Shift Parse(string text)
    {
        var parts = text.Split('-', '–');
        return parts.Length == 2
            ? new Shift(ParseTime(parts[0]), ParseTime(parts[1]))
            : throw new FormatException($"A shift reads like 08:00-12:00, not \"{text}\".");
    }

    public override string ToString() => $"{Format(From)}–{Format(To)}";

    private static TimeSpan ParseTime(string text)
    {
        var trimmed = text.Trim();
        return trimmed == "24:00"
            ? Midnight
            : TimeSpan.ParseExact(trimmed, @"hh\:mm", CultureInfo.InvariantCulture);
    }

    private static string Format(TimeSpan time) =>
        time == Midnight ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}

/// <summary>The shifts of one day: sorted, not overlapping (touching shifts are allowed).</summary>
internal static class Shifts
{
    public static Shift[] Normalise(IEnumerable<Shift> shifts)
    {
        var sorted = shifts.OrderBy(s => s.From).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].From < sorted[i - 1].To)
            {
                throw new ArgumentException($"Shifts {sorted[i - 1]} and {sorted[i]} overlap.", nameof(shifts));
            }
        }
        return sorted;
    }

    public static bool Cover(IReadOnlyList<Shift> shifts, TimeSpan timeOfDay)
    {
        foreach (var shift in shifts)
        {
            if (shift.Contains(timeOfDay))
            {
                return true;
            }
        }
        return false;
    }
}
