using Frontline.Components.Shared;
using Frontline.Data;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Tickets.Pages;

/// <summary>
/// Everything a ticket page shows, read through <see cref="TicketViews"/> so the portal and the desk
/// see exactly what the API would show the same person (no internal notes for requesters).
/// </summary>
public sealed record TicketRecord(
    TicketView Ticket,
    bool CanWork,
    IReadOnlyList<EntryView> Entries,
    IReadOnlyList<EventView> History,
    IReadOnlyList<LinkView> Links,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyDictionary<string, string> Names)
{
    private static readonly string[] ReferenceFields = ["ownerId", "groupId", "serviceId", "categoryId"];

    public static async Task<TicketRecord?> LoadAsync(PageScope scope, string number, CancellationToken cancellationToken)
    {
        var (caller, desk, db) = (scope.Caller, scope.Desk, scope.Db);
        var ticket = await desk.FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return null;
        }
        var view = await TicketViews.LoadAsync(db, caller, ticket.Id, cancellationToken);
        var entries = await TicketViews.EntriesAsync(db, caller, ticket, cancellationToken);
        var history = await TicketViews.HistoryAsync(db, caller, ticket, cancellationToken);
        var links = await TicketViews.LinksAsync(db, ticket, cancellationToken);
        var attachments = await TicketViews.AttachmentsAsync(db, ticket, cancellationToken);
        return new TicketRecord(view, caller.CanWork(ticket), entries, history, links, attachments, await NamesAsync(db, history, cancellationToken));
    }

    /// <summary>History keeps ids ("ownerId: 3f2…"); people read names, looked up once per page load.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> NamesAsync(FrontlineDb db, IReadOnlyList<EventView> history, CancellationToken cancellationToken)
    {
        var values = history.Where(e => e.Field is not null && ReferenceFields.Contains(e.Field))
            .SelectMany(e => new[] { (e.Field!, e.Before), (e.Field!, e.After) })
            .Where(v => v.Item2 is not null)
            .Select(v => (Field: v.Item1, Value: v.Item2!))
            .Distinct()
            .ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var people = values.Where(v => v.Field == "ownerId" && Guid.TryParse(v.Value, out _)).Select(v => Guid.Parse(v.Value)).ToList();
        foreach (var person in await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
        {
            names["ownerId:" + person.Id] = person.DisplayName;
        }
        var ids = (string field) => values.Where(v => v.Field == field && int.TryParse(v.Value, out _)).Select(v => int.Parse(v.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var groupIds = ids("groupId");
        var serviceIds = ids("serviceId");
        var categoryIds = ids("categoryId");
        foreach (var g in await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
        {
            names[$"groupId:{g.Id}"] = g.Name;
        }
        foreach (var s in await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
        {
            names[$"serviceId:{s.Id}"] = s.Name;
        }
        foreach (var c in await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            names[$"categoryId:{c.Id}"] = c.Name;
        }
        return names;
    }
}
