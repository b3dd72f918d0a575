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

    /// <remarks>
    /// The agent is in two teams, and their tickets are seen in more than one way at once (asked for in their own
    /// team, owned and asked for elsewhere, owned and watched elsewhere), so counts that took one team only, or added a
    /// ticket once per way, would come out wrong. A ticket they watch that is closed shows only when closed ones are
    /// asked for.
    /// </remarks>
    [Theory]
    [InlineData("status=open")]
    [InlineData("status=open,closed")]
    public async Task AnAgentsQueueAndCountsHoldTheirGroupsTheUntriagedAndWhatTheyOwnAskedForOrWatchAndNothingElse(string filter)
    {
        using var admin = await server.ClientForAsync("admin");
        using var maria = await server.ClientForAsync("maria");
        var groups = await server.WithDbAsync(db => db.Groups.OrderBy(g => g.Id).Select(g => g.Id).Take(3).ToListAsync());
        var (home, second, elsewhere) = (groups[0], groups[1], groups[2]);
        var userName = $"agent-{Guid.NewGuid():N}";
        (await admin.PostAsJsonAsync("/api/v1/users", new { userName, email = $"{userName}@example.com", displayName = "Two Teams", roles = new[] { "agent" } })).EnsureSuccessStatusCode();
        var agentId = (await server.FindUserAsync(userName)).Id;
        foreach (var group in new[] { home, second })
        {
            (await admin.PutAsync($"/api/v1/groups/{group}/members/{agentId}", null)).EnsureSuccessStatusCode();
        }
        using var agent = await server.ClientForAsync(userName);
        // Theirs from before they left that team: an owner is assigned only within the group, so the desk cannot make these.
        var owned = await (await maria.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "Owned and watched by them in another team", description = "x", groupId = elsewhere, watchers = new[] { agentId } })).ReadAsync<TicketView>();
        var askedAndOwned = await agent.CreateTicketAsync("Asked for and owned by them in another team", groupId: elsewhere);
        await server.WithDbAsync(db => db.Tickets.Where(t => t.Number == owned.Number || t.Number == askedAndOwned.Number).ExecuteUpdateAsync(u => u.SetProperty(t => t.OwnerId, agentId)));
        var asked = await agent.CreateTicketAsync("Asked for by them, worked by another team", groupId: elsewhere);
        var askedInTheirTeam = await agent.CreateTicketAsync("Asked for by them from their second team", groupId: second);
        var watched = await (await maria.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "Watched by them", description = "x", groupId = elsewhere, watchers = new[] { agentId } })).ReadAsync<TicketView>();
        var watchedClosed = await (await maria.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "Watched by them, closed", description = "x", groupId = elsewhere, watchers = new[] { agentId } })).ReadAsync<TicketView>();
        var closedStranger = await maria.CreateTicketAsync("Another team's, closed", groupId: elsewhere);
        await server.WithDbAsync(db => db.Tickets.Where(t => t.Number == closedStranger.Number || t.Number == askedAndOwned.Number || t.Number == watchedClosed.Number)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TicketStatus.Closed)));
        var stranger = await maria.CreateTicketAsync("Another team's alone", groupId: elsewhere);
        var untriaged = await maria.CreateTicketAsync("Not routed to any team yet");

        var shown = await ReadAllAsync(agent, filter + "&sort=-updated");
        var counts = await (await agent.GetAsync("/api/v1/tickets/counts?" + filter)).ReadAsync<TicketCounts>();

        var statuses = filter == "status=open" ? TicketFilter.Open : [.. TicketFilter.Open, TicketStatus.Closed];
        var expected = await server.WithDbAsync(db => db.Tickets.Where(t => statuses.Contains(t.Status))
            .Where(x => x.GroupId == null || x.GroupId == home || x.GroupId == second || x.OwnerId == agentId || x.RequesterId == agentId || x.Watchers.Any(w => w.UserId == agentId))
            .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id).Select(t => new { t.Number, t.Status, t.GroupId }).ToListAsync());
        Assert.Contains(expected, t => t.GroupId == home);
        Assert.Contains(expected, t => t.GroupId == second);
        Assert.Contains(expected, t => t.GroupId == null && t.Number == untriaged.Number);
        Assert.Equal(expected.Select(t => t.Number), shown);
        Assert.Subset(shown.ToHashSet(), new HashSet<string> { owned.Number, asked.Number, askedInTheirTeam.Number, watched.Number });
        Assert.DoesNotContain(stranger.Number, shown);
        Assert.DoesNotContain(closedStranger.Number, shown);
        Assert.Equal(filter != "status=open", shown.Contains(askedAndOwned.Number));
        Assert.Equal(filter != "status=open", shown.Contains(watchedClosed.Number));
        Assert.Equal(statuses.Select(s => (s, expected.Count(t => t.Status == s))), counts.ByStatus.Select(c => (c.Status, c.Count)));
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
        // Watching what one asked for: the desk never makes it, but an import or a changed requester can leave it, and
        // the ticket is still counted once.
        await server.WithDbAsync(async db =>
        {
            db.TicketWatchers.Add(new TicketWatcher { TicketId = await db.Tickets.Where(t => t.Number == closed.Number).Select(t => t.Id).SingleAsync(), UserId = oliviaId });
            return await db.SaveChangesAsync();
        });

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

    /// <summary>
    /// Counts narrowed by kind, priority or team, which the tallies answer for a manager and for an agent's groups, against
    /// the tickets themselves; one ticket is moved to another team, priority and status first, so the tallies must follow.
    /// </summary>
    [Theory]
    [InlineData("maria", "open,resolved,closed,cancelled", null, null, false)]
    [InlineData("maria", "open,closed", "request", "P3,P4", false)]
    [InlineData("maria", "new,assigned,resolved", null, null, true)]
    [InlineData("sam", "open,closed", "incident", "P2,P3,P4", false)]
    [InlineData("sam", "open,resolved", null, "P1,P2,P3", true)]
    public async Task CountsNarrowedByKindPriorityOrTeamAreTheTicketsTheCallerSeesThere(string userName, string statuses, string? kind, string? priorities, bool deskOnly)
    {
        using var caller = await server.ClientForAsync(userName);
        using var sam = await server.ClientForAsync("sam");
        var desk = await server.GroupIdAsync("Service Desk");
        var moved = await sam.CreateTicketAsync("Meeting room screen stays blue", kind: TicketKind.Incident, groupId: desk, impact: Impact.High, urgency: Urgency.High);
        (await sam.AssignAsync(moved.Number, desk, (await server.FindUserAsync("sam")).Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(moved.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Input switched back.")).EnsureSuccessStatusCode();
        var query = $"status={statuses}" + (kind is null ? "" : $"&kind={kind}") + (priorities is null ? "" : $"&priority={priorities}") + (deskOnly ? $"&group={desk}" : "");

        var counts = await (await caller.GetAsync("/api/v1/tickets/counts?" + query)).ReadAsync<TicketCounts>();

        var asked = statuses.Split(',').SelectMany(s => s == "open" ? TicketFilter.Open : [Enum.Parse<TicketStatus>(s, ignoreCase: true)]).ToList();
        var kinds = kind is null ? Enum.GetValues<TicketKind>() : [Enum.Parse<TicketKind>(kind, ignoreCase: true)];
        var levels = priorities is null ? Enum.GetValues<Priority>() : priorities.Split(',').Select(Enum.Parse<Priority>).ToArray();
        var id = (await server.FindUserAsync(userName)).Id;
        var expected = await server.WithDbAsync(async db =>
        {
            var manager = await db.UserRoles.AnyAsync(r => r.UserId == id && db.Roles.Any(x => x.Id == r.RoleId && (x.Name == Roles.Manager || x.Name == Roles.Admin)));
            var groups = await db.GroupMembers.Where(m => m.UserId == id).Select(m => (int?)m.GroupId).ToListAsync();
            return await db.Tickets
                .Where(t => asked.Contains(t.Status) && kinds.Contains(t.Kind) && levels.Contains(t.Priority) && (!deskOnly || t.GroupId == desk))
                .Where(t => manager || t.GroupId == null || groups.Contains(t.GroupId) || t.OwnerId == id || t.RequesterId == id || t.Watchers.Any(w => w.UserId == id))
                .GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync();
        });
        Assert.Equal(asked.Select(s => (s, expected.SingleOrDefault(e => e.Status == s)?.Count ?? 0)), counts.ByStatus.Select(c => (c.Status, c.Count)));
        Assert.True(counts.Total > 0, $"{query} counts some of the demo's tickets");
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

    [Fact]
    public async Task AManagersCountsBesideASearchOfEveryStatusCountEachStatusMatches()
    {
        using var maria = await server.ClientForAsync("maria");
        using var sam = await server.ClientForAsync("sam");
        var marker = "numbat" + Guid.NewGuid().ToString("N")[..8];
        await sam.CreateTicketAsync($"Plotter {marker} jams on A0 paper");
        var resolved = await sam.CreateTicketAsync($"Plotter {marker} prints blank pages");
        var cancelled = await sam.CreateTicketAsync($"Plotter {marker} asked for twice");
        var closed = new List<string>();
        foreach (var title in new[] { $"Plotter {marker} out of ink", $"Plotter {marker} offline", $"Plotter {marker} needs a driver" })
        {
            closed.Add((await sam.CreateTicketAsync(title)).Number);
        }
        var unmatched = await sam.CreateTicketAsync("Scanner needs a driver");
        var samId = (await server.FindUserAsync("sam")).Id;
        foreach (var number in (string[])[resolved.Number, .. closed, unmatched.Number])
        {
            (await sam.AssignAsync(number, null, samId)).EnsureSuccessStatusCode();
            (await sam.TransitionAsync(number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Done.")).EnsureSuccessStatusCode();
        }
        foreach (var number in (string[])[.. closed, unmatched.Number])
        {
            (await sam.TransitionAsync(number, TicketAction.Close)).EnsureSuccessStatusCode();
        }
        (await sam.TransitionAsync(cancelled.Number, TicketAction.Cancel, notes: "Raised twice.")).EnsureSuccessStatusCode();

        var every = await (await maria.GetAsync($"/api/v1/tickets/counts?q=plotter%20{marker}&status=open,resolved,closed,cancelled")).ReadAsync<TicketCounts>();
        var closedOnly = await (await maria.GetAsync($"/api/v1/tickets/counts?q={marker}&status=closed")).ReadAsync<TicketCounts>();

        Assert.Equal([1, 0, 0, 0, 1, 3, 1], every.ByStatus.Select(c => c.Count));
        Assert.Equal(6, every.Total);
        Assert.Equal([(TicketStatus.Closed, 3)], closedOnly.ByStatus.Select(c => (c.Status, c.Count)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class QueueOnSqlite(SqliteServer server) : QueueTests(server);

[Collection(PostgresCollection.Name)]
public sealed class QueueOnPostgres(PostgresServer server) : QueueTests(server);
