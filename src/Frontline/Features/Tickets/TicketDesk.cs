using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Tickets;

/// <summary>
/// The ticket operations the API, the pages and the mail channel share: each loads what the caller may
/// see, asks the domain, writes the change and its history in one commit, and tells live pages.
/// </summary>
public sealed partial class TicketDesk(FrontlineDb db, TimeProvider clock, TicketFeed feed, TicketIntake intake)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Ticket?> FindAsync(Caller caller, string number, CancellationToken cancellationToken)
    {
        var normal = number.Trim().ToUpperInvariant();
        return await db.Tickets.VisibleTo(caller)
            .Include(t => t.Tags)
            .Include(t => t.Watchers)
            .AsSplitQuery()
            .SingleOrDefaultAsync(t => t.Number == normal, cancellationToken);
    }

    /// <param name="beforeCommit">Runs inside the creating transaction, on its database, once the ticket has its number (idempotency records).</param>
    public async Task<Outcome<Ticket>> CreateAsync(Caller caller, NewTicket input, Channel channel, CancellationToken cancellationToken, Func<FrontlineDb, Ticket, Task>? beforeCommit = null)
    {
        var prepared = await PrepareAsync(caller, input, channel, cancellationToken);
        if (!prepared.IsDone)
        {
            return prepared.As<Ticket>();
        }
        var ticket = prepared.Value!.Ticket;
        await CommitNewAsync(ticket, null, beforeCommit, cancellationToken);
        return ticket;
    }

    /// <summary>
    /// Raises a ticket and answers with its view, built from what the checks read instead of reading the
    /// ticket back. <paramref name="beforeCommit"/> gets the view inside the creating transaction (the API's idempotency record).
    /// A <paramref name="key"/> the caller already used creates nothing and is refused as a conflict; the caller then has an earlier answer to give.
    /// </summary>
    public async Task<Outcome<TicketView>> CreateViewAsync(Caller caller, NewTicket input, Channel channel, IdempotencyKey? key, Func<FrontlineDb, TicketView, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(caller, input, channel, cancellationToken);
        if (!prepared.IsDone)
        {
            return prepared.As<TicketView>();
        }
        var (ticket, names) = prepared.Value!;
        TicketView? view = null;
        var created = await CommitNewAsync(ticket, key, async (committing, numbered) =>
        {
            view = TicketViews.Of(numbered, caller, names);
            if (beforeCommit is not null)
            {
                await beforeCommit(committing, view);
            }
        }, cancellationToken);
        return created ? view! : Outcome<TicketView>.Conflict("This Idempotency-Key was already used.");
    }

    private async Task<bool> CommitNewAsync(Ticket ticket, IdempotencyKey? key, Func<FrontlineDb, Ticket, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        if (!await intake.CommitAsync(ticket, key, beforeCommit, cancellationToken))
        {
            return false;
        }
        feed.Publish(TicketFeed.Of(ticket));
        return true;
    }

    private sealed record PreparedTicket(Ticket Ticket, TicketNames Names);

    /// <summary>The new ticket, checked and built, not yet numbered: its priority is decided by the writer, from the matrix as it stands at commit.</summary>
    private async Task<Outcome<PreparedTicket>> PrepareAsync(Caller caller, NewTicket input, Channel channel, CancellationToken cancellationToken)
    {
        var checkedInput = await CheckNewAsync(caller, input, cancellationToken);
        if (!checkedInput.IsDone)
        {
            return checkedInput.As<PreparedTicket>();
        }
        var (title, description, ci, tags, requesterId, groupId, names) = checkedInput.Value!;
        // PostgreSQL keeps microseconds: the answer, built in memory, must say what a later read will.
        var now = Now;
        now = now.AddTicks(-(now.Ticks % 10));
        var ticket = new Ticket
        {
            Number = "",
            Kind = input.Kind,
            Title = title,
            Description = description,
            RequesterId = requesterId,
            ServiceId = input.ServiceId,
            CategoryId = input.CategoryId,
            ConfigurationItem = ci,
            Impact = input.Impact ?? Impact.Medium,
            Urgency = input.Urgency ?? Urgency.Medium,
            Status = TicketStatus.New,
            GroupId = groupId,
            Tier = input.Tier ?? 1,
            Channel = channel,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        ticket.Tags.AddRange(tags.Select(tag => new TicketTag { Tag = tag }));
        ticket.Watchers.AddRange(names.Watchers.Select(w => new TicketWatcher { UserId = w.Id }));
        ticket.History.Add(new TicketEvent { At = now, ActorId = caller.Id, Kind = TicketEventKind.Created, Field = "channel", After = channel.ToString() });
        return new PreparedTicket(ticket, names);
    }

    private sealed record CheckedNewTicket(string Title, string Description, string? ConfigurationItem, IReadOnlyList<string> Tags, Guid RequesterId, int? GroupId, TicketNames Names);

    /// <summary>Each check reads the name the answer shows, so the new ticket's view needs no queries of its own.</summary>
    private async Task<Outcome<CheckedNewTicket>> CheckNewAsync(Caller caller, NewTicket input, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(input.Kind))
        {
            return Outcome<CheckedNewTicket>.Invalid("kind", "Kind is incident, request or problem.");
        }
        if (input.Kind == TicketKind.Problem && !caller.IsAgent)
        {
            return Outcome<CheckedNewTicket>.Forbidden("Only the desk records problems.");
        }
        var requesterId = input.RequesterId ?? caller.Id;
        if (!caller.IsAgent && (requesterId != caller.Id || input.GroupId is not null || input.Tier is not null))
        {
            return Outcome<CheckedNewTicket>.Forbidden("Requesters raise tickets for themselves; the desk routes them.");
        }
        if ((input.Impact is { } impact && !Enum.IsDefined(impact)) || (input.Urgency is { } urgency && !Enum.IsDefined(urgency)))
        {
            return Outcome<CheckedNewTicket>.Invalid("impact", "Impact and urgency are high, medium or low.");
        }
        var title = TicketFields.Title(input.Title);
        var description = TicketFields.Description(input.Description);
        var ci = TicketFields.ConfigurationItem(input.ConfigurationItem);
        var tags = TicketFields.Tags(input.Tags);
        var tier = TicketFields.Tier(input.Tier ?? 1);
        foreach (var (ok, field, error) in new[] { (title.IsOk, title.Field, title.Error), (description.IsOk, description.Field, description.Error), (ci.IsOk, ci.Field, ci.Error), (tags.IsOk, tags.Field, tags.Error), (tier.IsOk, tier.Field, tier.Error) })
        {
            if (!ok)
            {
                return Outcome<CheckedNewTicket>.Invalid(field!, error!);
            }
        }
        // People raising their own tickets through a token are vouched for by its sign-in, so the creation reads nothing
        // before its commit (the read was 9 % of the server's CPU at 4,500 creations a second, with opening a connection).
        var requesterName = requesterId == caller.Id && caller.ActiveDisplayName is { } vouched
            ? vouched
            : await ActiveName.For(db)(db, requesterId, cancellationToken);
        if (requesterName is null)
        {
            return Outcome<CheckedNewTicket>.Invalid("requesterId", "No active person has that id.");
        }
        var references = await CheckReferencesAsync(input.ServiceId, input.CategoryId, input.Watchers, requesterId, cancellationToken);
        if (!references.IsDone)
        {
            return references.As<CheckedNewTicket>();
        }
        var (service, category, watchers, serviceGroup) = references.Value!;
        var group = serviceGroup;
        if (input.GroupId is { } groupId)
        {
            var groupName = await db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken);
            if (groupName is null)
            {
                return Outcome<CheckedNewTicket>.Invalid("groupId", "No group has that id.");
            }
            group = new NamedRef(groupId, groupName);
        }
        return new CheckedNewTicket(title.Value, description.Value, ci.Value, tags.Value, requesterId, group?.Id,
            new TicketNames(requesterName, service, category, null, group, watchers));
    }

    /// <summary>Compiled once: every creation asks it, and translating the query each time cost more than running it.</summary>
    private static readonly CompiledPerModel<Func<FrontlineDb, Guid, CancellationToken, Task<string?>>> ActiveName =
        new(() => EF.CompileAsyncQuery((FrontlineDb db, Guid userId, CancellationToken _) =>
            db.Users.Where(u => u.Id == userId && u.IsActive).Select(u => u.DisplayName).FirstOrDefault()));

    /// <param name="Group">The service's default group, which takes a ticket nobody routed.</param>
    private sealed record References(NamedRef? Service, NamedRef? Category, IReadOnlyList<PersonRef> Watchers, NamedRef? Group);

    private async Task<Outcome<References>> CheckReferencesAsync(int? serviceId, int? categoryId, IReadOnlyList<Guid>? watcherIds, Guid requesterId, CancellationToken cancellationToken)
    {
        NamedRef? service = null, category = null, group = null;
        if (serviceId is { } id)
        {
            var found = await db.Services.Where(s => s.Id == id && s.IsActive)
                .Select(s => new { s.Name, s.DefaultGroupId, GroupName = s.DefaultGroup!.Name })
                .FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return Outcome<References>.Invalid("serviceId", "No active service has that id.");
            }
            service = new NamedRef(id, found.Name);
            group = found.DefaultGroupId is { } groupId ? new NamedRef(groupId, found.GroupName) : null;
        }
        if (categoryId is { } categoryKey)
        {
            var name = await db.Categories.Where(c => c.Id == categoryKey && c.IsActive).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
            if (name is null)
            {
                return Outcome<References>.Invalid("categoryId", "No active category has that id.");
            }
            category = new NamedRef(categoryKey, name);
        }
        var watchers = new List<PersonRef>();
        if (watcherIds is { Count: > 0 })
        {
            var distinct = watcherIds.Distinct().ToList();
            if (distinct.Count > 50)
            {
                return Outcome<References>.Invalid("watchers", "A ticket takes at most 50 watchers.");
            }
            var known = await db.Users.Where(u => distinct.Contains(u.Id) && u.IsActive).Select(u => new PersonRef(u.Id, u.DisplayName)).ToDictionaryAsync(p => p.Id, cancellationToken);
            if (known.Count != distinct.Count)
            {
                return Outcome<References>.Invalid("watchers", "Some watchers are not active people.");
            }
            // The requester hears about their ticket anyway; as in the order the caller named them.
            watchers.AddRange(distinct.Where(w => w != requesterId).Select(w => known[w]));
        }
        return new References(service, category, watchers, group);
    }

    public Task<PriorityMatrix> LoadPriorityMatrixAsync(CancellationToken cancellationToken) => LoadPriorityMatrixAsync(db, cancellationToken);

    internal static async Task<PriorityMatrix> LoadPriorityMatrixAsync(FrontlineDb db, CancellationToken cancellationToken)
    {
        var cells = await db.PriorityMatrix.AsNoTracking().ToListAsync(cancellationToken);
        return cells.Count == 0
            ? PriorityMatrix.Itil
            : PriorityMatrix.From(cells.Select(c => (c.Impact, c.Urgency, c.Priority))).Value;
    }

    /// <summary>Writes the ticket's changes and their history in one commit, or says someone else got there first.</summary>
    private async Task<Outcome<Ticket>> CommitAsync(Caller caller, Ticket ticket, List<FieldChange> changes, CancellationToken cancellationToken, params TicketEvent[] events)
    {
        if (changes.Count == 0 && events.Length == 0)
        {
            return ticket;
        }
        var now = Now;
        foreach (var change in changes)
        {
            ticket.History.Add(new TicketEvent { At = now, ActorId = caller.Id, Kind = TicketEventKind.Changed, Field = change.Field, Before = change.Before, After = change.After });
        }
        foreach (var evt in events)
        {
            evt.At = now;
            evt.ActorId = caller.Id;
            ticket.History.Add(evt);
        }
        ticket.UpdatedAt = now;
        ticket.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<Ticket>.Conflict("Someone else changed this ticket at the same moment; reload it and try again.");
        }
        feed.Publish(TicketFeed.Of(ticket));
        return ticket;
    }
}
