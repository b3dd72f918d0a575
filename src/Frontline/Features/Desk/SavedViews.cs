using Frontline.Data;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Desk;

public sealed record SavedViewRef(int Id, string Name, string Query);

/// <summary>
/// An agent's named queues. A view keeps the queue's query string, the same form the API's list takes,
/// so a view can only hold a filter that <see cref="TicketFilter.Parse"/> accepts.
/// </summary>
public static class SavedViews
{
    public static Task<List<SavedViewRef>> ListAsync(FrontlineDb db, Caller caller, CancellationToken cancellationToken) =>
        db.SavedViews.AsNoTracking().Where(v => v.OwnerId == caller.Id).OrderBy(v => v.Name)
            .Select(v => new SavedViewRef(v.Id, v.Name, v.Query)).ToListAsync(cancellationToken);

    /// <summary>Saves under a name, replacing the caller's view of that name.</summary>
    public static async Task<Outcome<SavedViewRef>> SaveAsync(FrontlineDb db, Caller caller, string? name, string query, CancellationToken cancellationToken)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 100)
        {
            return Outcome<SavedViewRef>.Invalid("name", "Name the view (up to 100 characters).");
        }
        var q = query.TrimStart('?');
        if (q.Length > 1000)
        {
            return Outcome<SavedViewRef>.Invalid("query", "This filter is too long to keep.");
        }
        var parsed = Parse(caller, q);
        if (!parsed.IsDone)
        {
            return parsed.As<SavedViewRef>();
        }
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.OwnerId == caller.Id && v.Name == trimmed, cancellationToken);
        if (view is null)
        {
            view = new SavedView { OwnerId = caller.Id, Name = trimmed, Query = q };
            db.SavedViews.Add(view);
        }
        view.Query = q;
        await db.SaveChangesAsync(cancellationToken);
        return new SavedViewRef(view.Id, view.Name, view.Query);
    }

    public static async Task<Outcome<bool>> DeleteAsync(FrontlineDb db, Caller caller, int id, CancellationToken cancellationToken) =>
        await db.SavedViews.Where(v => v.Id == id && v.OwnerId == caller.Id).ExecuteDeleteAsync(cancellationToken) == 1
            ? true
            : Outcome<bool>.NotFound("You have no such view.");

    /// <summary>Reads a queue query string ("status=open&amp;group=3&amp;owner=me&amp;view=mine") into a filter.</summary>
    public static Outcome<TicketFilter> Parse(Caller caller, string query, int limit = 50, string? cursor = null)
    {
        var values = QueryHelpers.ParseQuery(query.TrimStart('?'));
        string? Get(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        var mine = Get("view") == "mine";
        int? group = null;
        if (Get("group") is { } g)
        {
            if (!int.TryParse(g, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                return Outcome<TicketFilter>.Invalid("group", "Group is a group's id.");
            }
            group = id;
        }
        return TicketFilter.Parse(caller, Get("status") ?? "open", Get("kind"), group, mine ? "me" : Get("owner"), null, Get("priority"), Get("tag"), Get("q"), Get("sort") ?? "-updated", limit, cursor);
    }
}
