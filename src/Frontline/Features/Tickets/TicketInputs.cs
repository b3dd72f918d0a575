using Frontline.Domain.Tickets;

namespace Frontline.Features.Tickets;

/// <summary>What a person or script sends to raise a ticket. Requesters may leave out everything but title and description.</summary>
public sealed record NewTicket(
    TicketKind Kind,
    string? Title,
    string? Description,
    Guid? RequesterId = null,
    int? ServiceId = null,
    int? CategoryId = null,
    string? ConfigurationItem = null,
    Impact? Impact = null,
    Urgency? Urgency = null,
    int? GroupId = null,
    int? Tier = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<Guid>? Watchers = null);

/// <summary>
/// A change to a ticket's fields. A field left null stays as it is; to empty service, category or
/// configuration item, name it in <see cref="Clear"/>.
/// </summary>
public sealed record TicketPatch(
    string? Title = null,
    string? Description = null,
    int? ServiceId = null,
    int? CategoryId = null,
    string? ConfigurationItem = null,
    Impact? Impact = null,
    Urgency? Urgency = null,
    int? Tier = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<Guid>? Watchers = null,
    IReadOnlyList<string>? Clear = null,
    int? Version = null);

public sealed record Assignment(int? GroupId = null, Guid? OwnerId = null, bool Unassign = false);
