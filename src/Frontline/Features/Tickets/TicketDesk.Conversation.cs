using System.Security.Cryptography;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Tickets;

public sealed partial class TicketDesk
{
    public const int EntryMaxLength = TicketFields.DescriptionMaxLength;

    /// <summary>
    /// Adds a reply (public) or a note (internal). A requester's reply to a ticket waiting on them puts it
    /// back to work; the desk's first public reply is the ticket's first response.
    /// </summary>
    public async Task<Outcome<TicketEntry>> AddEntryAsync(Caller caller, string number, string? body, EntryVisibility visibility, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<TicketEntry>.NotFound($"There is no ticket {number} you can see.");
        }
        if (!Enum.IsDefined(visibility))
        {
            return Outcome<TicketEntry>.Invalid("visibility", "An entry is public or internal.");
        }
        var works = caller.CanWork(ticket);
        if (visibility == EntryVisibility.Internal && !works)
        {
            return Outcome<TicketEntry>.Forbidden("Internal notes are for the desk.");
        }
        if (ticket.Status.IsFinal())
        {
            return Outcome<TicketEntry>.Conflict($"{ticket.Number} is {TicketLifecycle.Describe(ticket.Status)}; raise a new ticket and mention it.");
        }
        var text = TicketFields.Description(body);
        if (!text.IsOk || text.Value.Length == 0)
        {
            return Outcome<TicketEntry>.Invalid("body", text.IsOk ? "Write something." : text.Error!);
        }
        var now = Now;
        var entry = new TicketEntry { AuthorId = caller.Id, Visibility = visibility, Body = text.Value, CreatedAt = now };
        ticket.Entries.Add(entry);
        var changes = new List<FieldChange>();
        if (visibility == EntryVisibility.Public && works && !caller.IsRequesterOf(ticket) && ticket.FirstRespondedAt is null)
        {
            ticket.FirstRespondedAt = now;
        }
        if (visibility == EntryVisibility.Public && caller.IsRequesterOf(ticket) && ticket is { Status: TicketStatus.Pending, PendingReason: PendingReason.Requester })
        {
            var resumed = TicketLifecycle.Decide(new TicketSituation(ticket.Status, ticket.OwnerId is not null), new TransitionRequest(TicketAction.Resume)).Value;
            TicketFields.Track(changes, "status", ticket.Status, resumed.Status);
            TicketFields.Track(changes, "pendingReason", ticket.PendingReason, resumed.PendingReason);
            (ticket.Status, ticket.PendingReason) = (resumed.Status, resumed.PendingReason);
        }
        var kind = visibility == EntryVisibility.Public ? TicketEventKind.Replied : TicketEventKind.NoteAdded;
        var committed = await CommitAsync(caller, ticket, changes, cancellationToken, new TicketEvent { Kind = kind });
        return committed.IsDone ? entry : committed.As<TicketEntry>();
    }

    public async Task<Outcome<TicketLink>> LinkAsync(Caller caller, string number, string? targetNumber, LinkKind kind, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<TicketLink>.NotFound($"There is no ticket {number} you can see.");
        }
        if (!caller.CanWork(ticket))
        {
            return Outcome<TicketLink>.Forbidden("Only the desk links tickets.");
        }
        // The target must be one the caller could open: linking must not reveal or touch a stranger's ticket.
        var target = string.IsNullOrWhiteSpace(targetNumber) ? null : await FindAsync(caller, targetNumber, cancellationToken);
        if (target is null)
        {
            return Outcome<TicketLink>.Invalid("target", $"There is no ticket {targetNumber} you can see.");
        }
        var existing = await db.TicketLinks.AsNoTracking()
            .Where(l => (l.FromTicketId == ticket.Id && l.ToTicketId == target.Id) || (l.FromTicketId == target.Id && l.ToTicketId == ticket.Id))
            .Select(l => new { l.FromTicketId, l.ToTicketId, l.Kind })
            .ToListAsync(cancellationToken);
        var decided = TicketLinkRules.Decide(ticket.Id, target.Id, kind, await AncestorsAsync(ticket.Id, cancellationToken), existing.Select(e => (e.FromTicketId, e.ToTicketId, e.Kind)).ToList());
        if (!decided.IsOk)
        {
            return Outcome<TicketLink>.From(decided);
        }
        var link = new TicketLink { FromTicketId = ticket.Id, ToTicketId = target.Id, Kind = kind, CreatedAt = Now };
        db.TicketLinks.Add(link);
        target.History.Add(new TicketEvent { At = Now, ActorId = caller.Id, Kind = TicketEventKind.Linked, Field = "linkedFrom:" + kind, After = ticket.Number });
        var committed = await CommitAsync(caller, ticket, [], cancellationToken, new TicketEvent { Kind = TicketEventKind.Linked, Field = kind.ToString(), After = target.Number });
        if (committed.IsDone)
        {
            feed.Publish(TicketFeed.Of(target));
        }
        return committed.IsDone ? link : committed.As<TicketLink>();
    }

    public async Task<Outcome<bool>> UnlinkAsync(Caller caller, string number, long linkId, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<bool>.NotFound($"There is no ticket {number} you can see.");
        }
        if (!caller.CanWork(ticket))
        {
            return Outcome<bool>.Forbidden("Only the desk unlinks tickets.");
        }
        var link = await db.TicketLinks.Include(l => l.ToTicket).Include(l => l.FromTicket)
            .SingleOrDefaultAsync(l => l.Id == linkId && (l.FromTicketId == ticket.Id || l.ToTicketId == ticket.Id), cancellationToken);
        if (link is null)
        {
            return Outcome<bool>.NotFound("This ticket has no such link.");
        }
        db.TicketLinks.Remove(link);
        var other = link.FromTicketId == ticket.Id ? link.ToTicket! : link.FromTicket!;
        var committed = await CommitAsync(caller, ticket, [], cancellationToken, new TicketEvent { Kind = TicketEventKind.Unlinked, Field = link.Kind.ToString(), Before = other.Number });
        return committed.IsDone ? true : committed.As<bool>();
    }

    private async Task<IReadOnlyCollection<long>> AncestorsAsync(long ticketId, CancellationToken cancellationToken)
    {
        var found = new List<long>();
        var frontier = new List<long> { ticketId };
        while (frontier.Count > 0 && found.Count < 1000)
        {
            var parents = await db.TicketLinks.Where(l => l.Kind == LinkKind.ParentOf && frontier.Contains(l.ToTicketId))
                .Select(l => l.FromTicketId).ToListAsync(cancellationToken);
            frontier = parents.Except(found).ToList();
            found.AddRange(frontier);
        }
        return found;
    }

    /// <summary>Stores a file on the ticket. Anyone who may reply may attach; the bytes are checked, not trusted.</summary>
    public async Task<Outcome<Attachment>> AttachAsync(Caller caller, string number, string? fileName, string? contentType, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<Attachment>.NotFound($"There is no ticket {number} you can see.");
        }
        if (ticket.Status.IsFinal())
        {
            return Outcome<Attachment>.Conflict($"{ticket.Number} is {TicketLifecycle.Describe(ticket.Status)}; it takes no more files.");
        }
        var type = AttachmentRules.ContentType(contentType);
        if (!type.IsOk)
        {
            return Outcome<Attachment>.From(type);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return Outcome<Attachment>.Invalid("file", $"Files are limited to {maxBytes / (1024 * 1024)} MiB.");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return Outcome<Attachment>.Invalid("file", "The file is empty.");
        }
        var bytes = buffer.ToArray();
        var attachment = new Attachment
        {
            Id = Guid.NewGuid(),
            TicketId = ticket.Id,
            UploadedById = caller.Id,
            FileName = AttachmentRules.SafeFileName(fileName),
            ContentType = type.Value,
            Size = bytes.Length,
            Sha256 = SHA256.HashData(bytes),
            CreatedAt = Now,
            Content = new AttachmentContent { Bytes = bytes },
        };
        db.Attachments.Add(attachment);
        var committed = await CommitAsync(caller, ticket, [], cancellationToken, new TicketEvent { Kind = TicketEventKind.Attached, After = attachment.FileName });
        return committed.IsDone ? attachment : committed.As<Attachment>();
    }
}
