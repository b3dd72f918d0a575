using Frontline.Domain.Tickets;

namespace Frontline.Domain.Import;

/// <summary>One line of rebuilt history, and who made it. Group and owner values and the actor are the source's names; the host turns them into ids.</summary>
public sealed record HistoryLine(DateTime At, string? Actor, string Field, string? Before, string? After);

/// <summary>An incident rebuilt from its audit rows: how it stands after the last row, and every change on the way.</summary>
public sealed record ServiceNowIncident(
    string Number,
    ServiceNowEvent Last,
    TicketStatus Status,
    PendingReason? PendingReason,
    DateTime UpdatedAt,
    IReadOnlyList<HistoryLine> History)
{
    /// <summary>History field names for what only ServiceNow has, kept so the audit loses nothing.</summary>
    public const string StateField = "servicenow.state";
    public const string ReassignmentCountField = "servicenow.reassignmentCount";
    public const string ReopenCountField = "servicenow.reopenCount";
    public const string MadeSlaField = "madeSla";

    /// <summary>Group and owner lines carry names here; <see cref="HistoryLine"/> explains why.</summary>
    public const string GroupField = "group";
    public const string OwnerField = "owner";

    /// <summary>
    /// Replays the rows of one incident in the order the export lists them (the audit's order: sys_mod_count
    /// repeats and goes back on a few incidents, the file order does not). Each row's differences from the row
    /// before become history lines at the row's update time; the first row's values are set with no "before".
    /// </summary>
    public static ServiceNowIncident Replay(IReadOnlyList<ServiceNowEvent> rows)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("An incident has at least one row.", nameof(rows));
        }
        var history = new List<HistoryLine>();
        var status = TicketStatus.New;
        PendingReason? reason = null;
        ServiceNowEvent? previous = null;
        var updatedAt = rows[0].OpenedAt;
        foreach (var row in rows)
        {
            var at = row.UpdatedAt;
            void Track(string field, string? before, string? after)
            {
                if (before != after)
                {
                    history.Add(new HistoryLine(at, row.UpdatedBy, field, before, after));
                }
            }
            Track(StateField, previous?.State, row.State);
            if (ServiceNowEvents.Status(row.State) is var (nextStatus, nextReason))
            {
                var wasDone = status is TicketStatus.Resolved or TicketStatus.Closed;
                var isDone = nextStatus is TicketStatus.Resolved or TicketStatus.Closed;
                Track("status", status.ToString(), nextStatus.ToString());
                Track("pendingReason", reason?.ToString(), nextReason?.ToString());
                if (wasDone != isDone)
                {
                    // Resolving records how it ended; reopening takes that back, as the desk's own transitions do.
                    Track("resolutionNotes", wasDone ? ResolutionNotes(row) : null, isDone ? ResolutionNotes(row) : null);
                }
                (status, reason) = (nextStatus, nextReason);
            }
            Track(GroupField, previous?.Group, row.Group);
            Track(OwnerField, previous?.AssignedTo, row.AssignedTo);
            Track("impact", previous?.Impact.ToString(), row.Impact.ToString());
            Track("urgency", previous?.Urgency.ToString(), row.Urgency.ToString());
            Track("priority", previous?.Priority.ToString(), row.Priority.ToString());
            Track(MadeSlaField, Flag(previous?.MadeSla), Flag(row.MadeSla));
            // Counters start at zero, so a first row at zero says nothing new.
            Track(ReassignmentCountField, Count(previous?.ReassignmentCount ?? 0), Count(row.ReassignmentCount));
            Track(ReopenCountField, Count(previous?.ReopenCount ?? 0), Count(row.ReopenCount));
            updatedAt = updatedAt > row.UpdatedAt ? updatedAt : row.UpdatedAt;
            previous = row;
        }
        return new ServiceNowIncident(rows[0].Number, previous!, status, reason, updatedAt, history);
    }

    /// <summary>ServiceNow's close codes are the instance's own list, so they are kept as words, not guessed into Frontline's codes.</summary>
    public static string ResolutionNotes(ServiceNowEvent row) =>
        $"Imported from ServiceNow. Close code: {row.CloseCode ?? "none"}. Resolved by: {row.ResolvedBy ?? "not recorded"}.";

    /// <summary>A short title from what the export has: the log carries no description, only coded fields.</summary>
    public string Title
    {
        get
        {
            var where = string.Join(" / ", new[] { Last.Category, Last.Subcategory }.OfType<string>());
            var what = Last.Symptom ?? "Incident";
            return where.Length == 0 ? $"{Number}: {what}" : $"{Number}: {what} ({where})";
        }
    }

    private static string? Flag(bool? value) => value switch
    {
        null => null,
        true => "true",
        false => "false",
    };

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
