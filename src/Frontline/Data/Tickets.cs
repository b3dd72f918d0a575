using Frontline.Domain.Tickets;

namespace Frontline.Data;

/// <summary>How a ticket reached the desk.</summary>
public enum Channel
{
    Portal,
    Email,
    Api,
    Phone,
    Monitoring,
    Import,
}

public sealed class Ticket
{
    public long Id { get; set; }

    public required string Number { get; set; }

    public TicketKind Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown as the requester wrote it; sanitised only when shown.</summary>
    public string Description { get; set; } = "";

    public Guid RequesterId { get; set; }

    public User? Requester { get; set; }

    public int? ServiceId { get; set; }

    public Service? Service { get; set; }

    public int? CategoryId { get; set; }

    public Category? Category { get; set; }

    public string? ConfigurationItem { get; set; }

    public Impact Impact { get; set; } = Impact.Medium;

    public Urgency Urgency { get; set; } = Urgency.Medium;

    public Priority Priority { get; set; } = Priority.P3;

    public TicketStatus Status { get; set; }

    public PendingReason? PendingReason { get; set; }

    public Guid? OwnerId { get; set; }

    public User? Owner { get; set; }

    public int? GroupId { get; set; }

    public Group? Group { get; set; }

    public int Tier { get; set; } = 1;

    public Channel Channel { get; set; }

    /// <summary>The ticket's key in the system it was imported from ("servicenow:INC0000045"), so a re-import finds it instead of copying it.</summary>
    public string? ExternalRef { get; set; }

    public ResolutionCode? ResolutionCode { get; set; }

    public string? ResolutionNotes { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FirstRespondedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Bumped on every change, so two agents editing at once cannot overwrite each other.</summary>
    public int Version { get; set; }

    public List<TicketTag> Tags { get; } = [];

    public List<TicketWatcher> Watchers { get; } = [];

    public List<TicketEntry> Entries { get; } = [];

    public List<TicketEvent> History { get; } = [];
}

public sealed class TicketTag
{
    public long TicketId { get; set; }

    public required string Tag { get; set; }
}

public sealed class TicketWatcher
{
    public long TicketId { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }
}

public enum EntryVisibility
{
    /// <summary>A reply the requester sees.</summary>
    Public,

    /// <summary>A note only the desk sees.</summary>
    Internal,
}

/// <summary>A reply or internal note on a ticket.</summary>
public sealed class TicketEntry
{
    public long Id { get; set; }

    public long TicketId { get; set; }

    public Guid AuthorId { get; set; }

    public User? Author { get; set; }

    public EntryVisibility Visibility { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum TicketEventKind
{
    Created,
    Changed,
    Replied,
    NoteAdded,
    Attached,
    Linked,
    Unlinked,

    /// <summary>Handed to a supplier: <see cref="TicketEvent.After"/> is the supplier, <see cref="TicketEvent.Before"/> its reference, if given.</summary>
    Escalated,

    /// <summary>The supplier handed the ticket back: <see cref="TicketEvent.After"/> is the supplier.</summary>
    EscalationReturned,

    /// <summary>A clock crossed its at-risk line or breached: <see cref="TicketEvent.Field"/> is the alarm, <see cref="TicketEvent.Before"/> the clock, <see cref="TicketEvent.After"/> what was done.</summary>
    ServiceLevelAlarm,
}

/// <summary>One append-only line of history: who changed what, when, from what to what.</summary>
public sealed class TicketEvent
{
    public long Id { get; set; }

    public long TicketId { get; set; }

    public DateTime At { get; set; }

    public Guid? ActorId { get; set; }

    public TicketEventKind Kind { get; set; }

    public string? Field { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

public sealed class TicketLink
{
    public long Id { get; set; }

    public long FromTicketId { get; set; }

    public Ticket? FromTicket { get; set; }

    public long ToTicketId { get; set; }

    public Ticket? ToTicket { get; set; }

    public LinkKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A file on a ticket. The id is random so nobody can guess another ticket's files.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }

    public long TicketId { get; set; }

    public long? EntryId { get; set; }

    public Guid UploadedById { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required byte[] Sha256 { get; set; }

    public DateTime CreatedAt { get; set; }

    public AttachmentContent? Content { get; set; }
}

/// <summary>The bytes of an attachment, apart so that listing attachments never loads them.</summary>
public sealed class AttachmentContent
{
    public Guid AttachmentId { get; set; }

    public required byte[] Bytes { get; set; }
}

/// <summary>The per-kind counter behind human ticket numbers (SQLite; PostgreSQL uses sequences).</summary>
public sealed class NumberSequence
{
    public TicketKind Kind { get; set; }

    public long Last { get; set; }
}

/// <summary>A named queue filter an agent keeps.</summary>
public sealed class SavedView
{
    public int Id { get; set; }

    public Guid OwnerId { get; set; }

    public required string Name { get; set; }

    /// <summary>The queue's query string, e.g. "status=open&amp;group=3&amp;sort=priority".</summary>
    public required string Query { get; set; }
}

/// <summary>The answer a create gave for an Idempotency-Key, replayed when the same request comes again.</summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }

    public required string Key { get; set; }

    public required byte[] RequestHash { get; set; }

    public int StatusCode { get; set; }

    public required string Location { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }
}
