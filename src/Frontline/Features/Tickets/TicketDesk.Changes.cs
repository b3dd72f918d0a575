using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Tickets;

public sealed partial class TicketDesk
{
    public async Task<Outcome<Ticket>> UpdateAsync(Caller caller, string number, TicketPatch patch, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<Ticket>.NotFound($"There is no ticket {number} you can see.");
        }
        if (!caller.CanWork(ticket))
        {
            return Outcome<Ticket>.Forbidden("Only the desk edits a ticket's fields; add a reply instead.");
        }
        if (patch.Version is { } expected && expected != ticket.Version)
        {
            return Outcome<Ticket>.Conflict($"The ticket is at version {ticket.Version}, not {expected}: someone changed it since you read it.");
        }
        if (ticket.Status.IsFinal())
        {
            return Outcome<Ticket>.Conflict($"{ticket.Number} is {TicketLifecycle.Describe(ticket.Status)}; its fields no longer change.");
        }
        var clear = new HashSet<string>(patch.Clear ?? [], StringComparer.OrdinalIgnoreCase);
        var unknown = clear.Except(["serviceId", "categoryId", "configurationItem"], StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            return Outcome<Ticket>.Invalid("clear", $"Only serviceId, categoryId and configurationItem can be cleared, not {string.Join(", ", unknown)}.");
        }
        var references = await CheckReferencesAsync(patch.ServiceId, patch.CategoryId, patch.Watchers, ticket.RequesterId, cancellationToken);
        if (!references.IsDone)
        {
            return references.As<Ticket>();
        }
        if ((patch.Impact is { } i && !Enum.IsDefined(i)) || (patch.Urgency is { } u && !Enum.IsDefined(u)))
        {
            return Outcome<Ticket>.Invalid("impact", "Impact and urgency are high, medium or low.");
        }

        var changes = new List<FieldChange>();
        if (patch.Title is not null)
        {
            var title = TicketFields.Title(patch.Title);
            if (!title.IsOk)
            {
                return Outcome<Ticket>.From(title);
            }
            TicketFields.Track(changes, "title", ticket.Title, title.Value);
            ticket.Title = title.Value;
        }
        if (patch.Description is not null)
        {
            var description = TicketFields.Description(patch.Description);
            if (!description.IsOk)
            {
                return Outcome<Ticket>.From(description);
            }
            // The history keeps that the description changed, not two copies of a long text.
            if (description.Value != ticket.Description)
            {
                changes.Add(new FieldChange("description", null, null));
            }
            ticket.Description = description.Value;
        }
        if (patch.ConfigurationItem is not null || clear.Contains("configurationItem"))
        {
            var ci = TicketFields.ConfigurationItem(patch.ConfigurationItem);
            if (!ci.IsOk)
            {
                return Outcome<Ticket>.From(ci);
            }
            TicketFields.Track(changes, "configurationItem", ticket.ConfigurationItem, ci.Value);
            ticket.ConfigurationItem = ci.Value;
        }
        if (patch.Tier is { } tier)
        {
            var checkedTier = TicketFields.Tier(tier);
            if (!checkedTier.IsOk)
            {
                return Outcome<Ticket>.From(checkedTier);
            }
            TicketFields.Track(changes, "tier", ticket.Tier, tier);
            ticket.Tier = tier;
        }
        var serviceId = clear.Contains("serviceId") ? null : patch.ServiceId ?? ticket.ServiceId;
        TicketFields.Track(changes, "serviceId", ticket.ServiceId, serviceId);
        ticket.ServiceId = serviceId;
        var categoryId = clear.Contains("categoryId") ? null : patch.CategoryId ?? ticket.CategoryId;
        TicketFields.Track(changes, "categoryId", ticket.CategoryId, categoryId);
        ticket.CategoryId = categoryId;

        var impact = patch.Impact ?? ticket.Impact;
        var urgency = patch.Urgency ?? ticket.Urgency;
        var priority = (await LoadPriorityMatrixAsync(cancellationToken)).Decide(impact, urgency);
        TicketFields.Track(changes, "impact", ticket.Impact, impact);
        TicketFields.Track(changes, "urgency", ticket.Urgency, urgency);
        TicketFields.Track(changes, "priority", ticket.Priority, priority);
        (ticket.Impact, ticket.Urgency, ticket.Priority) = (impact, urgency, priority);

        if (patch.Tags is not null)
        {
            var tags = TicketFields.Tags(patch.Tags);
            if (!tags.IsOk)
            {
                return Outcome<Ticket>.From(tags);
            }
            var before = ticket.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList();
            var after = tags.Value.Order(StringComparer.Ordinal).ToList();
            if (!before.SequenceEqual(after))
            {
                changes.Add(new FieldChange("tags", string.Join(", ", before), string.Join(", ", after)));
                ticket.Tags.RemoveAll(t => !after.Contains(t.Tag));
                ticket.Tags.AddRange(after.Except(before).Select(tag => new TicketTag { Tag = tag }));
            }
        }
        if (patch.Watchers is not null)
        {
            var before = ticket.Watchers.Select(w => w.UserId).ToHashSet();
            var after = patch.Watchers.Where(w => w != ticket.RequesterId).ToHashSet();
            if (!before.SetEquals(after))
            {
                changes.Add(new FieldChange("watchers", before.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                ticket.Watchers.RemoveAll(w => !after.Contains(w.UserId));
                ticket.Watchers.AddRange(after.Except(before).Select(id => new TicketWatcher { UserId = id }));
            }
        }
        return await CommitAsync(caller, ticket, changes, cancellationToken);
    }

    /// <summary>
    /// Moves a ticket to a group and/or an owner. The owner must be an active agent of the ticket's group;
    /// moving to a group the owner is not in hands the ticket to that group's queue.
    /// </summary>
    public async Task<Outcome<Ticket>> AssignAsync(Caller caller, string number, Assignment assignment, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<Ticket>.NotFound($"There is no ticket {number} you can see.");
        }
        if (!caller.CanWork(ticket))
        {
            return Outcome<Ticket>.Forbidden("Only the desk assigns tickets.");
        }
        var groupId = assignment.GroupId ?? ticket.GroupId;
        if (assignment.GroupId is { } newGroup && !await db.Groups.AnyAsync(g => g.Id == newGroup, cancellationToken))
        {
            return Outcome<Ticket>.Invalid("groupId", "No group has that id.");
        }
        var ownerId = assignment.Unassign ? null : assignment.OwnerId ?? ticket.OwnerId;
        if (ownerId is { } owner)
        {
            var agent = await db.Users.Where(u => u.Id == owner && u.IsActive)
                .Select(u => new
                {
                    IsAgent = db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && (role.Name == Roles.Agent || role.Name == Roles.Manager))),
                    InGroup = groupId == null || u.Groups.Any(g => g.GroupId == groupId),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (agent is null || !agent.IsAgent)
            {
                return Outcome<Ticket>.Invalid("ownerId", "The owner must be an active agent.");
            }
            if (!agent.InGroup)
            {
                if (assignment.OwnerId is not null)
                {
                    return Outcome<Ticket>.Invalid("ownerId", "The owner is not a member of the ticket's group.");
                }
                ownerId = null;
            }
        }
        var status = TicketLifecycle.Assign(ticket.Status, ownerId is not null);
        if (!status.IsOk)
        {
            return Outcome<Ticket>.Conflict(status.Error!);
        }
        var changes = new List<FieldChange>();
        TicketFields.Track(changes, "groupId", ticket.GroupId, groupId);
        TicketFields.Track(changes, "ownerId", ticket.OwnerId, ownerId);
        TicketFields.Track(changes, "status", ticket.Status, status.Value);
        (ticket.GroupId, ticket.OwnerId, ticket.Status) = (groupId, ownerId, status.Value);
        return await CommitAsync(caller, ticket, changes, cancellationToken);
    }

    public async Task<Outcome<Ticket>> TransitionAsync(Caller caller, string number, TransitionRequest request, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<Ticket>.NotFound($"There is no ticket {number} you can see.");
        }
        var requesterMay = request.Action is TicketAction.Close or TicketAction.Reopen or TicketAction.Cancel && caller.IsRequesterOf(ticket);
        if (!caller.CanWork(ticket) && !requesterMay)
        {
            return Outcome<Ticket>.Forbidden("Requesters can cancel, confirm or reopen their own tickets; the desk does the rest.");
        }
        if (!Enum.IsDefined(request.Action))
        {
            return Outcome<Ticket>.Invalid("action", "Action is start, pend, resume, resolve, close, reopen or cancel.");
        }
        var openChildren = request.Action == TicketAction.Resolve
            ? await db.TicketLinks.CountAsync(l => l.FromTicketId == ticket.Id && l.Kind == LinkKind.ParentOf
                && (l.ToTicket!.Status == TicketStatus.New || l.ToTicket.Status == TicketStatus.Assigned || l.ToTicket.Status == TicketStatus.InProgress || l.ToTicket.Status == TicketStatus.Pending), cancellationToken)
            : 0;
        var resolution = ticket.ResolutionNotes is null ? null : new Resolution(ticket.ResolutionCode, ticket.ResolutionNotes);
        var decided = TicketLifecycle.Decide(new TicketSituation(ticket.Status, ticket.OwnerId is not null, resolution, openChildren), request);
        if (!decided.IsOk)
        {
            return Outcome<Ticket>.From(decided);
        }
        var outcome = decided.Value;
        var now = Now;
        var changes = new List<FieldChange>();
        TicketFields.Track(changes, "status", ticket.Status, outcome.Status);
        TicketFields.Track(changes, "pendingReason", ticket.PendingReason, outcome.PendingReason);
        TicketFields.Track(changes, "resolutionCode", ticket.ResolutionCode, outcome.Resolution?.Code);
        TicketFields.Track(changes, "resolutionNotes", ticket.ResolutionNotes, outcome.Resolution?.Notes);
        ticket.Status = outcome.Status;
        ticket.PendingReason = outcome.PendingReason;
        ticket.ResolutionCode = outcome.Resolution?.Code;
        ticket.ResolutionNotes = outcome.Resolution?.Notes;
        ticket.ResolvedAt = outcome.Status switch
        {
            TicketStatus.Resolved => now,
            TicketStatus.Closed => ticket.ResolvedAt,
            _ => null,
        };
        ticket.ClosedAt = outcome.Status is TicketStatus.Closed or TicketStatus.Cancelled ? now : null;
        if (request.Action == TicketAction.Reopen)
        {
            // Why it came back is for the requester and the desk alike, so it is a public reply.
            ticket.Entries.Add(new TicketEntry { AuthorId = caller.Id, Visibility = EntryVisibility.Public, Body = "Reopened: " + request.Notes!.Trim(), CreatedAt = now });
        }
        return await CommitAsync(caller, ticket, changes, cancellationToken);
    }
}
