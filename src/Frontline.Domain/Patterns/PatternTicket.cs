using Frontline.Domain.Tickets;

namespace Frontline.Domain.Patterns;

/// <summary>What pattern discovery reads of a ticket: its words and the fields a desk sorts by.</summary>
public sealed record PatternText(string Text, string? Category, string? Service, string? ConfigurationItem);

/// <summary>What a pattern's measures read of one ticket, with its work already replayed from history (<see cref="TicketWork"/>).</summary>
public sealed record PatternTicket(
    long Id,
    string Number,
    string Title,
    TicketKind Kind,
    DateTime CreatedAt,
    DateTime? ResolvedAt,
    string? ResolutionNotes,
    PatternText Text,
    TicketWork Work);
