using Frontline.Domain.Tickets;
using MudBlazor;

namespace Frontline.Features.Tickets.Pages;

/// <summary>How statuses, priorities and history fields read on screen.</summary>
public static class Labels
{
    public static string Of(TicketStatus status)
    {
        var text = TicketLifecycle.Describe(status);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static Color ColorOf(TicketStatus status) => status switch
    {
        TicketStatus.New => Color.Info,
        TicketStatus.Assigned or TicketStatus.InProgress => Color.Primary,
        TicketStatus.Pending => Color.Warning,
        TicketStatus.Resolved => Color.Success,
        _ => Color.Default,
    };

    public static Color ColorOf(Priority priority) => priority switch
    {
        Priority.P1 => Color.Error,
        Priority.P2 => Color.Warning,
        Priority.P3 => Color.Info,
        _ => Color.Default,
    };

    public static string Of(TicketAction action) => action switch
    {
        TicketAction.Start => "Start work",
        TicketAction.Pend => "Put on hold",
        TicketAction.Resume => "Resume",
        TicketAction.Resolve => "Resolve",
        TicketAction.Close => "Close",
        TicketAction.Reopen => "Reopen",
        TicketAction.Cancel => "Cancel ticket",
        _ => action.ToString(),
    };

    public static string Field(string? field) => field switch
    {
        "ownerId" => "Owner",
        "groupId" => "Group",
        "serviceId" => "Service",
        "categoryId" => "Category",
        "pendingReason" => "Pending reason",
        "resolutionCode" => "Resolution code",
        "resolutionNotes" => "Resolution notes",
        "configurationItem" => "Configuration item",
        null => "",
        _ => char.ToUpperInvariant(field[0]) + field[1..],
    };

    /// <summary>Words for a camel-cased enum name: "NoFaultFound" reads "No fault found".</summary>
    public static string Words<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var spaced = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return spaced;
    }
}
