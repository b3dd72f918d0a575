using System.Net.Http.Json;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Api;

/// <summary>
/// A team's queue, the dispatcher's unowned queue and the counts beside a search, as the indexes and query shapes
/// chosen for a million tickets serve them: every ticket once, in the order asked, and counts of exactly the matches.
/// </summary>
public abstract class QueueTests(FrontlineServer server)
{
    private sealed record Row(long Id, string Number, DateTime UpdatedAt, Priority Priority);

    /// <summary>Every ticket of a queue, read page by page through the cursor, in the order shown.</summary>
    private static async Task<List<string>> ReadAllAsync(HttpClient client, string query)
    {
        var numbers = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/tickets?{query}&limit=20" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).ReadAsync<TicketPage>();
            numbers.AddRange(page.Items.Select(t => t.Number));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return numbers;
    }

    private Task<List<Row>> OpenTicketsAsync(Func<IQueryable<Ticket>, IQueryable<Ticket>> narrow) =>
        server.WithDbAsync(db => narrow(db.Tickets.Where(t => TicketFilter.Open.Contains(t.Status)))
            .Select(t => new Row(t.Id, t.Number, t.UpdatedAt, t.Priority))
            .ToListAsync());

    [Fact]
    public async Task ATeamsQueueShowsEachOfItsOpenTicketsOnceMostRecentlyUpdatedFirst()
    {
        using var sam = await server.ClientForAsync("sam");
        var desk = await server.GroupIdAsync("Service Desk");
        var query = $"status=open&group={desk}&sort=-updated";
        var oldest = (await OpenTicketsAsync(t => t.Where(x => x.GroupId == desk))).MinBy(r => (r.UpdatedAt, r.Id))!;

        (await sam.NoteAsync(oldest.Number, "Looked at again: still waiting for the part.")).EnsureSuccessStatusCode();
        var shown = await ReadAllAsync(sam, query);

        var expected = (await OpenTicketsAsync(t => t.Where(x => x.GroupId == desk)))
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Select(r => r.Number).ToList();
        Assert.True(expected.Count > 20, "the demo's Service Desk has more than one page of open tickets");
        Assert.Equal(expected, shown);
        Assert.Equal(oldest.Number, shown[0]);
    }

    [Fact]
    public async Task TheUnownedQueueByPriorityShowsOpenTicketsNobodyOwnsMostUrgentFirstAndAnAssignedOneLeavesIt()
    {
        using var maria = await server.ClientForAsync("maria");
        var desk = await server.GroupIdAsync("Service Desk");
        var sam = (await server.FindUserAsync("sam")).Id;
        const string query = "status=open&owner=none&sort=priority";
        var taken = (await OpenTicketsAsync(t => t.Where(x => x.OwnerId == null && x.GroupId == desk))).MinBy(r => (r.Priority, -r.Id))!;

        (await maria.AssignAsync(taken.Number, desk, sam)).EnsureSuccessStatusCode();
        var shown = await ReadAllAsync(maria, query);

        var expected = (await OpenTicketsAsync(t => t.Where(x => x.OwnerId == null)))
            .OrderBy(r => r.Priority).ThenByDescending(r => r.Id).Select(r => r.Number).ToList();
        Assert.True(expected.Count > 20, "the demo has more than one page of unowned open tickets");
        Assert.Equal(expected, shown);
        Assert.DoesNotContain(taken.Number, shown);
    }

    [Fact]
    public async Task AnAgentsOpenQueueAndCountsHoldTheirGroupsTheUntriagedAndWhatTheyOwnAskedForOrWatchAndNothingElse()
    {
        using var aisha = await server.ClientForAsync("aisha");
        using var maria = await server.ClientForAsync("maria");
        var aishaId = (await server.FindUserAsync("aisha")).Id;
        var groups = await server.WithDbAsync(db => db.GroupMembers.Where(m => m.UserId == aishaId).Select(m => m.GroupId).ToListAsync());
        var elsewhere = await server.WithDbAsync(db => db.Groups.Where(g => !groups.Contains(g.Id)).Select(g => g.Id).FirstAsync());
        // Hers from before she left that team: an owner is assigned only within the group, so the desk cannot make this one.
        var owned = await maria.CreateTicketAsync("Owned by her in another team", groupId: elsewhere);
        await server.WithDbAsync(db => db.Tickets.Where(t => t.Number == owned.Number).ExecuteUpdateAsync(u => u.SetProperty(t => t.OwnerId, aishaId)));
        var asked = await aisha.CreateTicketAsync("Asked for by her, worked by another team", groupId: elsewhere);
        var watched = await (await maria.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "Watched by her", description = "x", groupId = elsewhere, watchers = new[] { aishaId } })).ReadAsync<TicketView>();
        var stranger = await maria.CreateTicketAsync("Another team's alone", groupId: elsewhere);

        var shown = await ReadAllAsync(aisha, "status=open&sort=-updated");
        var counts = await (await aisha.GetAsync("/api/v1/tickets/counts?status=open")).ReadAsync<TicketCounts>();

        var expected = (await OpenTicketsAsync(t => t.Where(x => x.GroupId == null || groups.Contains(x.GroupId.Value) || x.OwnerId == aishaId || x.RequesterId == aishaId
                || x.Watchers.Any(w => w.UserId == aishaId))))
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Select(r => r.Number).ToList();
        Assert.Equal(expected, shown);
        Assert.Subset(shown.ToHashSet(), new HashSet<string> { owned.Number, asked.Number, watched.Number });
        Assert.DoesNotContain(stranger.Number, shown);
        Assert.Equal(expected.Count, counts.Total);
    }

    [Theory]
    [InlineData("status=open")]
    [InlineData("status=resolved,closed,cancelled")]
    [InlineData("q=projector")]
    public async Task ARequestersListingAndCountsHoldWhatTheyAskedForOrWatchAndNothingElse(string filter)
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.ClientForAsync("maria");
        var oliviaId = (await server.FindUserAsync("olivia")).Id;
        var asked = await olivia.CreateTicketAsync("The projector in her meeting room flickers");
        var closed = await olivia.CreateTicketAsync("The projector remote is missing");
        (await olivia.TransitionAsync(closed.Number, TicketAction.Cancel, notes: "Found it.")).EnsureSuccessStatusCode();
        var watched = await (await maria.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "The projector on floor 3 is dead", description = "x", watchers = new[] { oliviaId } })).ReadAsync<TicketView>();
        var stranger = await maria.CreateTicketAsync("The projector in the board room is dead");

        var shown = await ReadAllAsync(olivia, filter + "&sort=-updated");
        var counts = await (await olivia.GetAsync("/api/v1/tickets/counts?" + (filter.StartsWith("q=", StringComparison.Ordinal) ? filter + "&status=open,resolved,closed,cancelled" : filter))).ReadAsync<TicketCounts>();

        // What the desk's search finds (a manager sees every match), or the asked statuses, narrowed to hers.
        var theirs = await server.WithDbAsync(db => db.Tickets.Where(t => t.RequesterId == oliviaId || t.Watchers.Any(w => w.UserId == oliviaId))
            .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id).Select(t => new { t.Number, t.Status }).ToListAsync());
        List<string> expected;
        if (filter.StartsWith("q=", StringComparison.Ordinal))
        {
            var matches = await (await maria.GetAsync($"/api/v1/tickets?{filter}&sort=-updated&limit=200")).ReadAsync<TicketPage>();
            Assert.Null(matches.NextCursor);
            expected = [.. matches.Items.Select(t => t.Number).Where(n => theirs.Any(t => t.Number == n))];
        }
        else
        {
            var statuses = filter == "status=open" ? TicketFilter.Open : [TicketStatus.Resolved, TicketStatus.Closed, TicketStatus.Cancelled];
            expected = [.. theirs.Where(t => statuses.Contains(t.Status)).Select(t => t.Number)];
        }
        Assert.Equal(expected, shown);
        Assert.Equal(expected.Count, counts.Total);
        Assert.DoesNotContain(stranger.Number, shown);
        Assert.Contains(filter == "status=resolved,closed,cancelled" ? closed.Number : watched.Number, shown);
        Assert.Equal(filter == "status=open" || filter.StartsWith("q=", StringComparison.Ordinal), shown.Contains(asked.Number));
    }

    [Fact]
    public async Task CountsBesideASearchThatAsksForFinishedTicketsCountOnlyTheMatchesInTheAskedStatuses()
    {
        using var sam = await server.ClientForAsync("sam");
        var marker = "wombat" + Guid.NewGuid().ToString("N")[..8];
        await sam.CreateTicketAsync($"Badge reader {marker} at the side door");
        var cancelled = await sam.CreateTicketAsync($"Badge reader {marker} at the front door");
        (await sam.TransitionAsync(cancelled.Number, TicketAction.Cancel, notes: "Raised twice.")).EnsureSuccessStatusCode();

        var openAndCancelled = await (await sam.GetAsync($"/api/v1/tickets/counts?q={marker}&status=open,cancelled")).ReadAsync<TicketCounts>();
        var finished = await (await sam.GetAsync($"/api/v1/tickets/counts?q={marker}&status=resolved,closed,cancelled")).ReadAsync<TicketCounts>();

        Assert.Equal(2, openAndCancelled.Total);
        Assert.Equal([.. TicketFilter.Open, TicketStatus.Cancelled], openAndCancelled.ByStatus.Select(c => c.Status));
        Assert.Equal(1, openAndCancelled.ByStatus.Single(c => c.Status == TicketStatus.New).Count);
        Assert.Equal(1, openAndCancelled.ByStatus.Single(c => c.Status == TicketStatus.Cancelled).Count);
        Assert.Equal(1, finished.Total);
        Assert.Equal([0, 0, 1], finished.ByStatus.Select(c => c.Count));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class QueueOnSqlite(SqliteServer server) : QueueTests(server);

[Collection(PostgresCollection.Name)]
public sealed class QueueOnPostgres(PostgresServer server) : QueueTests(server);
