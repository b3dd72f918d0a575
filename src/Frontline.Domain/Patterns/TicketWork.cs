using Frontline.Domain.Tickets;

namespace Frontline.Domain.Patterns;

/// <summary>One status or group change of a ticket's history, as the history stores it (enum names, group ids).</summary>
public sealed record WorkEvent(DateTime At, string Field, string? Before, string? After)
{
    public const string StatusField = "status";
    public const string GroupField = "groupId";
}

/// <summary>
/// How much handling a ticket took, replayed from its history. Nobody records the minutes an agent really
/// spends, so effort is a documented proxy: the time the ticket was In progress, each stretch counted up to
/// one working day (nobody works a ticket through the night), and never less than a standard touch (reading,
/// routing and answering a ticket costs that much even when it is never started).
/// </summary>
public sealed record TicketWork(double HandlingMinutes, int Reopens, int Reassignments)
{
    public const double StandardTouchMinutes = 15;
    public const double LongestStretchMinutes = 8 * 60;

    public static TicketWork Replay(IEnumerable<WorkEvent> history, DateTime now)
    {
        var inProgressSince = (DateTime?)null;
        var worked = 0.0;
        var reopens = 0;
        var reassignments = 0;
        foreach (var change in history.OrderBy(e => e.At))
        {
            if (change.Field == WorkEvent.GroupField)
            {
                // The first group a ticket lands in is routing, not a reassignment.
                reassignments += change.Before is not null && change.After is not null && change.Before != change.After ? 1 : 0;
                continue;
            }
            if (change.Field != WorkEvent.StatusField)
            {
                continue;
            }
            var before = Parse(change.Before);
            var after = Parse(change.After);
            if (before is TicketStatus.Resolved or TicketStatus.Closed && after is { } back && back.IsOpen())
            {
                reopens++;
            }
            if (inProgressSince is { } since && after != TicketStatus.InProgress)
            {
                worked += Stretch(since, change.At);
                inProgressSince = null;
            }
            if (after == TicketStatus.InProgress && inProgressSince is null)
            {
                inProgressSince = change.At;
            }
        }
        if (inProgressSince is { } open)
        {
            worked += Stretch(open, now);
        }
        return new TicketWork(Math.Max(StandardTouchMinutes, worked), reopens, reassignments);
    }

    /// <summary>A ticket with no history to replay (a plain CSV import) costs one standard touch.</summary>
    public static TicketWork Untracked { get; } = new(StandardTouchMinutes, 0, 0);

    private static double Stretch(DateTime from, DateTime to) => Math.Clamp((to - from).TotalMinutes, 0, LongestStretchMinutes);

    private static TicketStatus? Parse(string? status) =>
        Enum.TryParse<TicketStatus>(status, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
