using System.Globalization;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Features.ServiceLevels;

/// <summary>The service levels a node runs with, read once from <see cref="ServiceLevelSettings"/> at start.</summary>
public sealed record ServiceLevelSetup(
    IReadOnlyList<ServiceLevelPolicy> Policies,
    IReadOnlyList<Supplier> Suppliers,
    IReadOnlyList<AlarmRule> AlarmRules,
    TimeSpan AlarmCheckEvery)
{
    /// <summary>The settings' <see cref="ServiceLevelSettings.SlaFingerprint"/>, kept beside each stored outcome.</summary>
    public string SlaFingerprint { get; init; } = "";

    /// <summary>
    /// How long after a ticket is raised its first alarm can come at the soonest: the smallest at-risk point of any
    /// clock. A clock starts no earlier than its ticket and counts at most the wall-clock time that passed, so a
    /// younger ticket has nothing due and the alarm round need not replay it.
    /// </summary>
    public TimeSpan EarliestAlarm => Policies.SelectMany(p => p.Clocks).Select(c => c.Target * c.AtRiskThreshold).DefaultIfEmpty(TimeSpan.Zero).Min();

    public Supplier? FindSupplier(string? name) =>
        Suppliers.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>An external provider tickets can be escalated to, on its own calendar, behind these services.</summary>
public sealed record Supplier(string Name, string Calendar, IReadOnlyList<string> Services);

public enum AlarmAction
{
    /// <summary>A note in the ticket's history that the desk sees.</summary>
    Notify,

    /// <summary>Hand the ticket to another group's queue (the owner is cleared).</summary>
    Reassign,

    /// <summary>Raise the priority one step, so the ticket climbs every queue.</summary>
    RaisePriority,
}

/// <summary>What to do when a clock of this agreement (and priority) reaches this kind of alarm.</summary>
public sealed record AlarmRule(AlarmKind When, Agreement? Agreement, Priority? Priority, AlarmAction Action, string? Group)
{
    public bool Applies(AlarmKind kind, Agreement agreement, Priority priority) =>
        When == kind && (Agreement is null || Agreement == agreement) && (Priority is null || Priority == priority);
}

internal static class CalendarReading
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The domain calendar for one named calendar setting; what it cannot read is named.</summary>
    public static BusinessCalendar ToCalendar(this ServiceLevelSettings.CalendarSettings settings, string name)
    {
        var where = $"ServiceLevels:Calendars:{name}";
        var zone = ServiceLevelSettings.Zone(settings.TimeZone, where + ":TimeZone");
        var hours = WorkingHours.Closed;
        foreach (var (day, shifts) in settings.Hours)
        {
            DayOfWeek[] days = day.Trim().ToLowerInvariant() switch
            {
                "weekdays" => Weekdays,
                "everyday" or "every day" => Enum.GetValues<DayOfWeek>(),
                var other when Enum.TryParse<DayOfWeek>(other, ignoreCase: true, out var one) => [one],
                _ => throw new InvalidOperationException($"{where}:Hours: \"{day}\" is not Weekdays, Everyday or a day name."),
            };
            hours = days.Aggregate(hours, (h, d) => h.With(d, [.. shifts]));
        }
        var exceptions = settings.Exceptions.Select(e =>
        {
            if (!DateOnly.TryParseExact(e.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new InvalidOperationException($"{where}:Exceptions: \"{e.Key}\" is not a date like 2026-12-24.");
            }
            return new SpecialDay(date, [.. e.Value.Where(s => !string.Equals(s.Trim(), "closed", StringComparison.OrdinalIgnoreCase))]);
        }).ToList();
        return new BusinessCalendar(zone, hours, settings.Holidays, exceptions);
    }
}
