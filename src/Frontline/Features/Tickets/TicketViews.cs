using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Tickets;

public sealed record PersonRef(Guid Id, string Name);

public sealed record NamedRef(int Id, string Name);

public sealed record ResolutionView(ResolutionCode? Code, string Notes);

/// <summary>The names a ticket's view shows beside its ids.</summary>
public sealed record TicketNames(string RequesterName, NamedRef? Service, NamedRef? Category, PersonRef? Owner, NamedRef? Group, IReadOnlyList<PersonRef> Watchers);

/// <summary>A ticket as the API and pages show it.</summary>
public sealed record TicketView(
    long Id,
    string Number,
    TicketKind Kind,
    string Title,
    string Description,
    PersonRef Requester,
    NamedRef? Service,
    NamedRef? Category,
    string? ConfigurationItem,
    Impact Impact,
    Urgency Urgency,
    Priority Priority,
    TicketStatus Status,
    PendingReason? PendingReason,
    PersonRef? Owner,
    NamedRef? Group,
    int Tier,
    Channel Channel,
    IReadOnlyList<string> Tags,
    IReadOnlyList<PersonRef> Watchers,
    ResolutionView? Resolution,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? FirstRespondedAt,
    DateTime? ResolvedAt,
    DateTime? ClosedAt,
    int Version,
    IReadOnlyList<TicketAction> AllowedActions);

/// <summary>One row of a queue or search result.</summary>
public sealed record TicketSummary(
    long Id,
    string Number,
    TicketKind Kind,
    string Title,
    TicketStatus Status,
    Priority Priority,
    PersonRef Requester,
    PersonRef? Owner,
    NamedRef? Group,
    NamedRef? Service,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record EntryView(long Id, PersonRef Author, EntryVisibility Visibility, string Body, DateTime CreatedAt);

public sealed record EventView(long Id, DateTime At, PersonRef? Actor, TicketEventKind Kind, string? Field, string? Before, string? After);

public sealed record LinkView(long Id, LinkKind Kind, string Direction, string Number, string Title, TicketStatus Status);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, DateTime CreatedAt, string Url);

public static class TicketViews
{
    public static async Task<TicketView> LoadAsync(FrontlineDb db, Caller caller, long ticketId, CancellationToken cancellationToken)
    {
        var t = await db.Tickets.AsNoTracking().AsSplitQuery()
            .Include(t => t.Requester).Include(t => t.Owner).Include(t => t.Group)
            .Include(t => t.Service).Include(t => t.Category).Include(t => t.Tags)
            .Include(t => t.Watchers).ThenInclude(w => w.User)
            .SingleAsync(t => t.Id == ticketId, cancellationToken);
        return Of(t, caller, new TicketNames(
            t.Requester!.DisplayName,
            t.Service is null ? null : new NamedRef(t.Service.Id, t.Service.Name),
            t.Category is null ? null : new NamedRef(t.Category.Id, t.Category.Name),
            t.Owner is null ? null : new PersonRef(t.Owner.Id, t.Owner.DisplayName),
            t.Group is null ? null : new NamedRef(t.Group.Id, t.Group.Name),
            t.Watchers.Select(w => new PersonRef(w.UserId, w.User!.DisplayName)).ToList()));
    }

    /// <summary>
    /// A ticket as the caller sees it, from the ticket and the names beside its ids. A new ticket is answered
    /// this way from what its checks read, instead of being read back (three queries per creation).
    /// </summary>
    public static TicketView Of(Ticket t, Caller caller, TicketNames names)
    {
        var works = caller.CanWork(t);
        var allowed = TicketLifecycle.Available(t.Status)
            .Where(a => works || (caller.IsRequesterOf(t) && a is TicketAction.Close or TicketAction.Reopen or TicketAction.Cancel))
            .ToList();
        return new TicketView(
            t.Id, t.Number, t.Kind, t.Title, t.Description,
            new PersonRef(t.RequesterId, names.RequesterName),
            names.Service, names.Category,
            t.ConfigurationItem, t.Impact, t.Urgency, t.Priority, t.Status, t.PendingReason,
            names.Owner, names.Group,
            t.Tier, t.Channel,
            t.Tags.Select(x => x.Tag).Order(StringComparer.Ordinal).ToList(),
            names.Watchers,
            t.ResolutionNotes is null ? null : new ResolutionView(t.ResolutionCode, t.ResolutionNotes),
            t.CreatedAt, t.UpdatedAt, t.FirstRespondedAt, t.ResolvedAt, t.ClosedAt, t.Version, allowed);
    }

    public static IQueryable<TicketSummary> Summaries(this IQueryable<Ticket> tickets) =>
        tickets.Select(t => new TicketSummary(
            t.Id, t.Number, t.Kind, t.Title, t.Status, t.Priority,
            new PersonRef(t.RequesterId, t.Requester!.DisplayName),
            t.OwnerId == null ? null : new PersonRef(t.OwnerId.Value, t.Owner!.DisplayName),
            t.GroupId == null ? null : new NamedRef(t.GroupId.Value, t.Group!.Name),
            t.ServiceId == null ? null : new NamedRef(t.ServiceId.Value, t.Service!.Name),
            t.CreatedAt, t.UpdatedAt));

    /// <summary>Replies and, for the desk, internal notes, oldest first.</summary>
    public static Task<List<EntryView>> EntriesAsync(FrontlineDb db, Caller caller, Ticket ticket, CancellationToken cancellationToken)
    {
        var desk = caller.CanWork(ticket);
        return db.TicketEntries.AsNoTracking()
            .Where(e => e.TicketId == ticket.Id && (desk || e.Visibility == EntryVisibility.Public))
            .OrderBy(e => e.Id)
            .Select(e => new EntryView(e.Id, new PersonRef(e.AuthorId, e.Author!.DisplayName), e.Visibility, e.Body, e.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The history. Requesters see the milestones that concern them (created, status, replies, files);
    /// routing and notes stay with the desk.
    /// </summary>
    public static Task<List<EventView>> HistoryAsync(FrontlineDb db, Caller caller, Ticket ticket, CancellationToken cancellationToken)
    {
        var desk = caller.CanWork(ticket);
        string[] requesterFields = ["status", "priority", "resolutionCode", "resolutionNotes", "channel"];
        return db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticket.Id)
            .Where(e => desk || e.Kind == TicketEventKind.Created || e.Kind == TicketEventKind.Replied || e.Kind == TicketEventKind.Attached
                || (e.Kind == TicketEventKind.Changed && requesterFields.Contains(e.Field!)))
            .OrderBy(e => e.Id)
            .Select(e => new EventView(e.Id, e.At,
                e.ActorId == null ? null : db.Users.Where(u => u.Id == e.ActorId).Select(u => new PersonRef(u.Id, u.DisplayName)).FirstOrDefault(),
                e.Kind, e.Field, e.Before, e.After))
            .ToListAsync(cancellationToken);
    }

    public static Task<List<LinkView>> LinksAsync(FrontlineDb db, Ticket ticket, CancellationToken cancellationToken) =>
        db.TicketLinks.AsNoTracking()
            .Where(l => l.FromTicketId == ticket.Id || l.ToTicketId == ticket.Id)
            .OrderBy(l => l.Id)
            .Select(l => l.FromTicketId == ticket.Id
                ? new LinkView(l.Id, l.Kind, "outgoing", l.ToTicket!.Number, l.ToTicket.Title, l.ToTicket.Status)
                : new LinkView(l.Id, l.Kind, "incoming", l.FromTicket!.Number, l.FromTicket.Title, l.FromTicket.Status))
            .ToListAsync(cancellationToken);

    public static Task<List<AttachmentView>> AttachmentsAsync(FrontlineDb db, Ticket ticket, CancellationToken cancellationToken) =>
        db.Attachments.AsNoTracking()
            .Where(a => a.TicketId == ticket.Id)
            .OrderBy(a => a.CreatedAt)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.CreatedAt, "/api/v1/attachments/" + a.Id))
            .ToListAsync(cancellationToken);
}
