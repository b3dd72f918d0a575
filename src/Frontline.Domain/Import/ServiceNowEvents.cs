using System.Globalization;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Import;

/// <summary>One row of a ServiceNow incident audit export: the incident as it stood after one update.</summary>
public sealed record ServiceNowEvent(
    int Line,
    string Number,
    string State,
    int ReassignmentCount,
    int ReopenCount,
    bool MadeSla,
    string? Caller,
    DateTime OpenedAt,
    DateTime UpdatedAt,
    string? ContactType,
    string? Location,
    string? Category,
    string? Subcategory,
    string? Symptom,
    string? ConfigurationItem,
    Impact Impact,
    Urgency Urgency,
    Priority Priority,
    string? Group,
    string? AssignedTo,
    string? CloseCode,
    string? ResolvedBy,
    DateTime? ResolvedAt,
    DateTime? ClosedAt,
    string? OpenedBy,
    string? UpdatedBy);

/// <summary>
/// Reads the ServiceNow incident event log (the UCI "incident management process enriched event log" layout):
/// which rows are usable and what each source value means in Frontline's words.
/// </summary>
public static class ServiceNowEvents
{
    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        "number", "incident_state", "reassignment_count", "reopen_count", "made_sla", "caller_id", "opened_at",
        "sys_updated_at", "contact_type", "location", "category", "subcategory", "u_symptom", "cmdb_ci", "impact",
        "urgency", "priority", "assignment_group", "assigned_to", "closed_code", "resolved_by", "resolved_at", "closed_at",
        "opened_by", "sys_updated_by",
    ];

    /// <summary>
    /// ServiceNow's states in Frontline's lifecycle. "-100" (a state no ServiceNow form offers, seen on a few rows)
    /// maps to nothing: the status stays where it was, and the raw state is still kept in the history.
    /// </summary>
    public static (TicketStatus Status, PendingReason? Reason)? Status(string state) => state switch
    {
        "New" => (TicketStatus.New, null),
        "Active" => (TicketStatus.InProgress, null),
        "Awaiting User Info" or "Awaiting Evidence" => (TicketStatus.Pending, PendingReason.Requester),
        "Awaiting Vendor" => (TicketStatus.Pending, PendingReason.Supplier),
        "Awaiting Problem" => (TicketStatus.Pending, PendingReason.Change),
        "Resolved" => (TicketStatus.Resolved, null),
        "Closed" => (TicketStatus.Closed, null),
        _ => null,
    };

    /// <summary>Turns one row into an event, or says why the row cannot be used.</summary>
    /// <param name="column">Where each required column sits in the row (from the header).</param>
    public static Result<ServiceNowEvent> Parse(int line, IReadOnlyList<string> fields, IReadOnlyDictionary<string, int> column)
    {
        string? Value(string name) => fields[column[name]] is var v && v is "?" or "" ? null : v;
        string Fail(string name, string why) => $"{name} {why}";
        var errors = new List<string>();

        var number = Value("number");
        if (number is null || !number.StartsWith("INC", StringComparison.Ordinal) || number.Length > 40)
        {
            errors.Add(Fail("number", $"'{number}' is not an incident number"));
        }
        var state = Value("incident_state");
        if (state is null)
        {
            errors.Add(Fail("incident_state", "is missing"));
        }
        var reassignments = Count(Value("reassignment_count"), "reassignment_count", errors);
        var reopens = Count(Value("reopen_count"), "reopen_count", errors);
        var madeSla = Value("made_sla") switch
        {
            "true" => true,
            "false" => false,
            var other => Refuse(errors, Fail("made_sla", $"'{other}' is not true or false"), false),
        };
        var openedAt = Time(Value("opened_at"), "opened_at", errors, required: true);
        var updatedAt = Time(Value("sys_updated_at"), "sys_updated_at", errors, required: true);
        var resolvedAt = Time(Value("resolved_at"), "resolved_at", errors, required: false);
        var closedAt = Time(Value("closed_at"), "closed_at", errors, required: false);
        var impact = Level<Impact>(Value("impact"), "impact", errors);
        var urgency = Level<Urgency>(Value("urgency"), "urgency", errors);
        var priority = Level<Priority>(Value("priority"), "priority", errors);
        if (errors.Count > 0)
        {
            return Result<ServiceNowEvent>.Fail("row", string.Join("; ", errors));
        }
        return Result<ServiceNowEvent>.Ok(new ServiceNowEvent(
            line, number!, state!, reassignments, reopens, madeSla, Value("caller_id"), openedAt!.Value, updatedAt!.Value,
            Value("contact_type"), Value("location"), Value("category"), Value("subcategory"), Value("u_symptom"), Value("cmdb_ci"),
            impact, urgency, priority, Value("assignment_group"), Value("assigned_to"), Value("closed_code"), Value("resolved_by"),
            resolvedAt, closedAt, Value("opened_by"), Value("sys_updated_by")));
    }

    private static T Refuse<T>(List<string> errors, string error, T placeholder)
    {
        errors.Add(error);
        return placeholder;
    }

    private static int Count(string? text, string name, List<string> errors) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : Refuse(errors, $"{name} '{text}' is not a count", 0);

    /// <summary>Exports write "29/2/2016 01:16"; the instance's zone is not in the file, so times are taken as UTC.</summary>
    private static DateTime? Time(string? text, string name, List<string> errors, bool required)
    {
        if (text is null)
        {
            return required ? Refuse<DateTime?>(errors, $"{name} is missing", null) : null;
        }
        return DateTime.TryParseExact(text, "d/M/yyyy H:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : Refuse<DateTime?>(errors, $"{name} '{text}' is not a d/m/yyyy hh:mm time", null);
    }

    /// <summary>"1 - Critical", "2 - High" … : the leading digit is the level, as in Frontline (1 is the most).</summary>
    private static T Level<T>(string? text, string name, List<string> errors)
        where T : struct, Enum
    {
        if (text is { Length: > 0 } && char.IsAsciiDigit(text[0]) && (text.Length == 1 || text[1] == ' '))
        {
            var level = (T)Enum.ToObject(typeof(T), text[0] - '0');
            if (Enum.IsDefined(level))
            {
                return level;
            }
        }
        return Refuse(errors, $"{name} '{text}' is not a known level", default(T));
    }
}
