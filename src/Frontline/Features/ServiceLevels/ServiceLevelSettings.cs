using System.Globalization;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Features.ServiceLevels;

/// <summary>
/// The desk's service levels as configured (section "ServiceLevels"): one office calendar and a response and
/// resolution target per priority. P1 runs round the clock; the rest on office hours. Pending for the requester
/// or a supplier pauses the SLA.
/// </summary>
public sealed class ServiceLevelSettings
{
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Shifts Monday to Friday, e.g. "08:00-12:00", "13:00-17:30".</summary>
    public List<string> OfficeHours { get; set; } = ["09:00-17:30"];

    public List<DateOnly> Holidays { get; set; } = [];

    public double AtRiskThreshold { get; set; } = 0.75;

    /// <summary>Per priority: first response and resolution in working hours, and whether it runs 24x7.</summary>
    public Dictionary<Priority, PriorityTarget> Targets { get; set; } = new()
    {
        [Priority.P1] = new() { Response = "0:30", Resolution = "4:00", AroundTheClock = true },
        [Priority.P2] = new() { Response = "1:00", Resolution = "8:00" },
        [Priority.P3] = new() { Response = "4:00", Resolution = "24:00" },
        [Priority.P4] = new() { Response = "8:00", Resolution = "40:00" },
        [Priority.P5] = new() { Response = "16:00", Resolution = "80:00" },
    };

    public sealed class PriorityTarget
    {
        /// <summary>Hours:minutes of working time.</summary>
        public string Response { get; set; } = "4:00";

        public string Resolution { get; set; } = "24:00";

        public bool AroundTheClock { get; set; }
    }

    /// <summary>The domain's policies for these settings; a setting that cannot be read is named in the error.</summary>
    public IReadOnlyList<ServiceLevelPolicy> ToPolicies()
    {
        var zone = BusinessCalendar.FindTimeZone(TimeZone);
        if (!zone.IsOk)
        {
            throw new InvalidOperationException($"ServiceLevels:TimeZone: {zone.Error}");
        }
        var office = new BusinessCalendar(zone.Value, WorkingHours.MondayToFriday([.. OfficeHours]), Holidays);
        // Round the clock means holidays too.
        var always = new BusinessCalendar(zone.Value, WorkingHours.Always);
        PendingReason[] pauses = [PendingReason.Requester, PendingReason.Supplier];
        return Targets.Select(t =>
        {
            var calendar = t.Value.AroundTheClock ? always : office;
            return new ServiceLevelPolicy($"{t.Key} {(t.Value.AroundTheClock ? "24x7" : "office hours")}", new PolicyConditions(Priority: t.Key),
            [
                new ClockDefinition("First response", Agreement.Sla, TargetKind.FirstResponse, Duration(t.Key, t.Value.Response), calendar, pauses, AtRiskThreshold),
                new ClockDefinition("Resolution", Agreement.Sla, TargetKind.Resolution, Duration(t.Key, t.Value.Resolution), calendar, pauses, AtRiskThreshold),
            ]);
        }).ToList();
    }

    private static TimeSpan Duration(Priority priority, string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var hours) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minutes)
            && hours >= 0 && minutes is >= 0 and < 60 && hours + minutes > 0)
        {
            return new TimeSpan(hours, minutes, 0);
        }
        throw new InvalidOperationException($"ServiceLevels:Targets:{priority}: \"{text}\" is not a duration in hours:minutes.");
    }
}
