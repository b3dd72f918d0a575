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
        var checkedInput = await CheckNewAsync(caller, input, cancellationToken);
        if (!checkedInput.IsDone)
        {
            return checkedInput.As<Ticket>();
        }
        var (title, description, ci, tags, requesterId, groupId) = checkedInput.Value!;
        var matrix = await LoadPriorityMatrixAsync(cancellationToken);
        var impact = input.Impact ?? Impact.Medium;
        var urgency = input.Urgency ?? Urgency.Medium;
        var now = Now;
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
            Impact = impact,
            Urgency = urgency,
            Priority = matrix.Decide(impact, urgency),
            Status = TicketStatus.New,
            GroupId = groupId,
            Tier = input.Tier ?? 1,
            Channel = channel,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        ticket.Tags.AddRange(tags.Select(tag => new TicketTag { Tag = tag }));
        ticket.Watchers.AddRange((input.Watchers ?? []).Distinct().Where(w => w != requesterId).Select(w => new TicketWatcher { UserId = w }));
        ticket.History.Add(new TicketEvent { At = now, ActorId = caller.Id, Kind = TicketEventKind.Created, Field = "channel", After = channel.ToString() });

        await intake.CommitAsync(ticket, beforeCommit, cancellationToken);
        feed.Publish(TicketFeed.Of(ticket));
        return ticket;
    }

    private sealed record CheckedNewTicket(string Title, string Description, string? ConfigurationItem, IReadOnlyList<string> Tags, Guid RequesterId, int? GroupId);

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
        if (!await db.Users.AnyAsync(u => u.Id == requesterId && u.IsActive, cancellationToken))
        {
            return Outcome<CheckedNewTicket>.Invalid("requesterId", "No active person has that id.");
        }
        var references = await CheckReferencesAsync(input.ServiceId, input.CategoryId, input.Watchers, cancellationToken);
        if (references is { } refused)
        {
            return refused.As<CheckedNewTicket>();
        }
        var groupId = input.GroupId;
        if (groupId is { } group && !await db.Groups.AnyAsync(g => g.Id == group, cancellationToken))
        {
            return Outcome<CheckedNewTicket>.Invalid("groupId", "No group has that id.");
        }
        if (groupId is null && input.ServiceId is { } service)
        {
            groupId = await db.Services.Where(s => s.Id == service).Select(s => s.DefaultGroupId).SingleAsync(cancellationToken);
        }
        return new CheckedNewTicket(title.Value, description.Value, ci.Value, tags.Value, requesterId, groupId);
    }

    private async Task<Outcome<bool>?> CheckReferencesAsync(int? serviceId, int? categoryId, IReadOnlyList<Guid>? watchers, CancellationToken cancellationToken)
    {
        if (serviceId is { } service && !await db.Services.AnyAsync(s => s.Id == service && s.IsActive, cancellationToken))
        {
            return Outcome<bool>.Invalid("serviceId", "No active service has that id.");
        }
        if (categoryId is { } category && !await db.Categories.AnyAsync(c => c.Id == category && c.IsActive, cancellationToken))
        {
            return Outcome<bool>.Invalid("categoryId", "No active category has that id.");
        }
        if (watchers is { Count: > 0 })
        {
            var distinct = watchers.Distinct().ToList();
            if (distinct.Count > 50)
            {
                return Outcome<bool>.Invalid("watchers", "A ticket takes at most 50 watchers.");
            }
            var known = await db.Users.CountAsync(u => distinct.Contains(u.Id) && u.IsActive, cancellationToken);
            if (known != distinct.Count)
            {
                return Outcome<bool>.Invalid("watchers", "Some watchers are not active people.");
            }
        }
        return null;
    }

    public async Task<PriorityMatrix> LoadPriorityMatrixAsync(CancellationToken cancellationToken)
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
