using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Features.ServiceLevels;

/// <summary>
/// The desk's service levels as configured (section "ServiceLevels"). The SLA is a response and resolution target
/// per priority on the office calendar (P1 round the clock); named calendars, OLA and UC policies with conditions,
/// suppliers and the alarm rules come on top. Pending for the requester or a supplier pauses the SLA.
/// </summary>
public sealed class ServiceLevelSettings
{
    /// <summary>The calendar every target uses unless it names another.</summary>
    public const string OfficeCalendar = "Office";

    /// <summary>Round the clock in the office's time zone, holidays included.</summary>
    public const string AroundTheClockCalendar = "24x7";

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

    /// <summary>More calendars by name, for groups and suppliers that work other hours or in other zones.</summary>
    public Dictionary<string, CalendarSettings> Calendars { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Further policies (OLAs per group, special SLAs) with their conditions.</summary>
    public List<PolicySettings> Policies { get; set; } = [];

    public List<SupplierSettings> Suppliers { get; set; } = [];

    /// <summary>What happens when a clock is at risk or breached; none configured: a note on the ticket for each.</summary>
    public List<AlarmRuleSettings> Alarms { get; set; } = [];

    /// <summary>How often a node looks for clocks that crossed a line.</summary>
    public int AlarmCheckSeconds { get; set; } = 30;

    public sealed class PriorityTarget
    {
        /// <summary>Hours:minutes of working time.</summary>
        public string Response { get; set; } = "4:00";

        public string Resolution { get; set; } = "24:00";

        public bool AroundTheClock { get; set; }
    }

    public sealed class CalendarSettings
    {
        public string TimeZone { get; set; } = "";

        /// <summary>Shifts by day: "Weekdays", "Everyday" or a day name ("Saturday") to shifts such as "08:00-12:00".</summary>
        public Dictionary<string, List<string>> Hours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

        public List<DateOnly> Holidays { get; set; } = [];

        /// <summary>Dates with other hours than the normal week ("2026-12-24": ["09:00-12:00"]; "closed" for none).</summary>
        public Dictionary<string, List<string>> Exceptions { get; set; } = new(StringComparer.Ordinal);
    }

    public sealed class PolicySettings
    {
        public string Name { get; set; } = "";

        public TicketKind? Kind { get; set; }

        public Priority? Priority { get; set; }

        public int? ServiceId { get; set; }

        public string? Organisation { get; set; }

        public bool? Vip { get; set; }

        public string? Group { get; set; }

        public string? Supplier { get; set; }

        public List<TargetSettings> Targets { get; set; } = [];
    }

    public sealed class TargetSettings
    {
        public Agreement Agreement { get; set; }

        public TargetKind Kind { get; set; } = TargetKind.Resolution;

        /// <summary>Hours:minutes of working time.</summary>
        public string Time { get; set; } = "";

        public string Calendar { get; set; } = OfficeCalendar;

        public List<PendingReason>? PausesOn { get; set; }

        public double? AtRisk { get; set; }
    }

    /// <summary>An external provider: its calendar, the services it stands behind, and its contract's (UC) targets.</summary>
    public sealed class SupplierSettings
    {
        public string Name { get; set; } = "";

        public string Calendar { get; set; } = OfficeCalendar;

        /// <summary>Names of the services whose tickets may be escalated to it (for the alignment check).</summary>
        public List<string> Services { get; set; } = [];

        public string? Response { get; set; }

        public string Resolution { get; set; } = "";

        public string? UpdateCadence { get; set; }
    }

    public sealed class AlarmRuleSettings
    {
        public AlarmKind When { get; set; }

        /// <summary>Only for clocks of this agreement (any if unset).</summary>
        public Agreement? Agreement { get; set; }

        public Priority? Priority { get; set; }

        public AlarmAction Action { get; set; } = AlarmAction.Notify;

        /// <summary>For <see cref="AlarmAction.Reassign"/>: the group's name.</summary>
        public string? Group { get; set; }
    }

    /// <summary>The domain's policies, calendars, suppliers and rules for these settings; a setting that cannot be read is named in the error.</summary>
    /// <summary>
    /// Changes whenever a setting that decides an SLA clock changes (targets, calendars, policies), so outcomes stored
    /// under other settings are known to be out of date. Suppliers and alarm rules do not move an SLA.
    /// </summary>
    public string SlaFingerprint()
    {
        var decisive = JsonSerializer.SerializeToUtf8Bytes(new { TimeZone, OfficeHours, Holidays, Targets, Calendars, Policies });
        return Convert.ToHexString(SHA256.HashData(decisive), 0, 16);
    }

    public ServiceLevelSetup ToSetup()
    {
        var zone = Zone(TimeZone, "ServiceLevels:TimeZone");
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.OrdinalIgnoreCase)
        {
            [OfficeCalendar] = new(zone, WorkingHours.MondayToFriday([.. OfficeHours]), Holidays),
            [AroundTheClockCalendar] = new(zone, WorkingHours.Always),
        };
        foreach (var (name, calendar) in Calendars)
        {
            calendars[name] = Named($"ServiceLevels:Calendars:{name}", () => calendar.ToCalendar(name));
        }
        BusinessCalendar CalendarOf(string name, string where) => calendars.TryGetValue(name, out var found) ? found
            : throw new InvalidOperationException($"{where}: there is no calendar \"{name}\"; define it under ServiceLevels:Calendars.");

        PendingReason[] slaPauses = [PendingReason.Requester, PendingReason.Supplier];
        var policies = Targets.Select(t =>
        {
            var calendar = calendars[t.Value.AroundTheClock ? AroundTheClockCalendar : OfficeCalendar];
            var where = $"ServiceLevels:Targets:{t.Key}";
            return new ServiceLevelPolicy($"{t.Key} {(t.Value.AroundTheClock ? "24x7" : "office hours")}", new PolicyConditions(Priority: t.Key),
            [
                new ClockDefinition("First response", Agreement.Sla, TargetKind.FirstResponse, Duration(where, t.Value.Response), calendar, slaPauses, AtRiskThreshold),
                new ClockDefinition("Resolution", Agreement.Sla, TargetKind.Resolution, Duration(where, t.Value.Resolution), calendar, slaPauses, AtRiskThreshold),
            ]);
        }).ToList();
        foreach (var (policy, index) in Policies.Select((p, i) => (p, i)))
        {
            var where = $"ServiceLevels:Policies:{index}";
            var conditions = new PolicyConditions(policy.Kind, policy.Priority, policy.ServiceId, Blank(policy.Organisation), policy.Vip, Blank(policy.Group), Blank(policy.Supplier));
            var clocks = policy.Targets.Select((t, i) => new ClockDefinition(
                Labels(t.Kind), t.Agreement, t.Kind, Duration($"{where}:Targets:{i}", t.Time),
                CalendarOf(t.Calendar, $"{where}:Targets:{i}"), (IEnumerable<PendingReason>?)t.PausesOn ?? DefaultPauses(t.Agreement), t.AtRisk ?? AtRiskThreshold)).ToList();
            policies.Add(Named(where, () => new ServiceLevelPolicy(string.IsNullOrWhiteSpace(policy.Name) ? $"Policy {index + 1}" : policy.Name.Trim(), conditions, clocks)));
        }
        var suppliers = new List<Supplier>();
        foreach (var (supplier, index) in Suppliers.Select((s, i) => (s, i)))
        {
            var where = $"ServiceLevels:Suppliers:{index}";
            if (string.IsNullOrWhiteSpace(supplier.Name))
            {
                throw new InvalidOperationException($"{where}:Name: a supplier needs a name.");
            }
            var calendar = CalendarOf(supplier.Calendar, where);
            var targets = new List<ClockDefinition>
            {
                new("Resolution", Agreement.Uc, TargetKind.Resolution, Duration(where + ":Resolution", supplier.Resolution), calendar, DefaultPauses(Agreement.Uc), AtRiskThreshold),
            };
            if (supplier.Response is { } response)
            {
                targets.Add(new("First response", Agreement.Uc, TargetKind.FirstResponse, Duration(where + ":Response", response), calendar, DefaultPauses(Agreement.Uc), AtRiskThreshold));
            }
            if (supplier.UpdateCadence is { } cadence)
            {
                targets.Add(new("Update cadence", Agreement.Uc, TargetKind.UpdateCadence, Duration(where + ":UpdateCadence", cadence), calendar, DefaultPauses(Agreement.Uc), AtRiskThreshold));
            }
            var name = supplier.Name.Trim();
            policies.Add(new ServiceLevelPolicy(name, new PolicyConditions(Supplier: name), targets));
            suppliers.Add(new Supplier(name, supplier.Calendar, supplier.Services.Select(s => s.Trim()).ToList()));
        }
        var rules = Alarms.Count > 0
            ? Alarms.Select((a, i) => a.Action == AlarmAction.Reassign && string.IsNullOrWhiteSpace(a.Group)
                ? throw new InvalidOperationException($"ServiceLevels:Alarms:{i}:Group: a reassign rule names the group to reassign to.")
                : new AlarmRule(a.When, a.Agreement, a.Priority, a.Action, Blank(a.Group))).ToList()
            : [new AlarmRule(AlarmKind.AtRisk, null, null, AlarmAction.Notify, null), new AlarmRule(AlarmKind.Breach, null, null, AlarmAction.Notify, null)];
        if (AlarmCheckSeconds < 1)
        {
            throw new InvalidOperationException("ServiceLevels:AlarmCheckSeconds: check at least every few seconds (1 or more).");
        }
        return new ServiceLevelSetup(policies, suppliers, rules, TimeSpan.FromSeconds(AlarmCheckSeconds));
    }

    /// <summary>OLAs stop for any wait the group cannot act on; a supplier's contract runs on while it is waited for.</summary>
    private static PendingReason[] DefaultPauses(Agreement agreement) => agreement == Agreement.Uc
        ? [PendingReason.Requester]
        : [PendingReason.Requester, PendingReason.Supplier];

    private static string Labels(TargetKind kind) => kind switch
    {
        TargetKind.FirstResponse => "First response",
        TargetKind.Resolution => "Resolution",
        _ => "Update cadence",
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static TimeZoneInfo Zone(string id, string where)
    {
        var zone = BusinessCalendar.FindTimeZone(id);
        return zone.IsOk ? zone.Value : throw new InvalidOperationException($"{where}: {zone.Error}");
    }

    /// <summary>Runs a domain constructor and puts the setting's name on what it refuses.</summary>
    internal static T Named<T>(string where, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidOperationException($"{where}: {e.Message}", e);
        }
    }

    internal static TimeSpan Duration(string where, string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var hours) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minutes)
            && hours >= 0 && minutes is >= 0 and < 60 && hours + minutes > 0)
        {
            return new TimeSpan(hours, minutes, 0);
        }
        throw new InvalidOperationException($"{where}: \"{text}\" is not a duration in hours:minutes.");
    }
}
