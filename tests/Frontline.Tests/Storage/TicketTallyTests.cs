using System.Net.Http.Json;
using Frontline.Cli;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

/// <summary>
/// The tallies the queue's counts read hold, for every group, status, kind and priority, exactly the tickets there
/// are, whichever way a ticket was written and however many writers and compactions ran at once.
/// </summary>
public abstract class TicketTallyTests(FrontlineServer server)
{
    private Task<Dictionary<TallyKey, long>> TalliedAsync() => server.WithDbAsync(db => TicketTallies.SumsAsync(db, CancellationToken.None));

    private Task<Dictionary<TallyKey, long>> CountedAsync() =>
        server.WithDbAsync(async db => (await db.Tickets.AsNoTracking()
                .GroupBy(t => new { GroupId = t.GroupId ?? TicketTally.Untriaged, t.Status, t.Kind, t.Priority })
                .Select(g => new { g.Key, Count = g.LongCount() })
                .ToListAsync())
            .ToDictionary(t => new TallyKey(t.Key.GroupId, t.Key.Status, t.Key.Kind, t.Key.Priority), t => t.Count));

    private Task<int> CompactAsync() => server.WithDbAsync(db => TicketTallies.CompactAsync(db, CancellationToken.None));

    private async Task AssertTalliesAreTheTicketsAsync()
    {
        Assert.Equal(await CountedAsync(), await TalliedAsync());
        await CompactAsync();
        Assert.Equal(await CountedAsync(), await TalliedAsync());
        var keys = await server.WithDbAsync(db => db.TicketTallies.Select(t => new { t.GroupId, t.Status, t.Kind, t.Priority }).ToListAsync());
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task TheTalliesFollowCreationRoutingTransitionsReprioritisingBulkUpdatesAndDeletion()
    {
        using var sam = await server.ClientForAsync("sam");
        using var olivia = await server.ClientForAsync("olivia");
        var desk = await server.GroupIdAsync("Service Desk");
        var other = await server.WithDbAsync(db => db.Groups.Where(g => g.Id != desk).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync());
        var before = await CountedAsync();

        var untriaged = await olivia.CreateTicketAsync("Badge reader at the side door beeps twice", kind: TicketKind.Request);
        (await sam.AssignAsync(untriaged.Number, other, null)).EnsureSuccessStatusCode();
        var routed = await olivia.GetTicketAsync(untriaged.Number);
        var worked = await sam.CreateTicketAsync("Scanner on floor 3 jams", groupId: desk);
        (await sam.AssignAsync(worked.Number, desk, (await server.FindUserAsync("sam")).Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(worked.Number, TicketAction.Start)).EnsureSuccessStatusCode();
        (await sam.PatchAsJsonAsync($"/api/v1/tickets/{worked.Number}", new { impact = "high", urgency = "high" })).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(worked.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Roller replaced.")).EnsureSuccessStatusCode();
        var bulk = await sam.CreateTicketAsync("Old monitor to collect", groupId: desk);
        await server.WithDbAsync(db => db.Tickets.Where(t => t.Number == bulk.Number).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TicketStatus.Cancelled).SetProperty(t => t.GroupId, (int?)null)));
        // Written straight to the table, as an operator's script would, then removed the same way.
        var stray = await server.WithDbAsync(async db =>
        {
            var ticket = new Ticket { Number = "INC9" + Random.Shared.Next(100_000, 999_999), Title = "Stray row", RequesterId = untriaged.Requester.Id, GroupId = desk, Priority = Priority.P1 };
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
            return ticket.Id;
        });
        Assert.Equal(await CountedAsync(), await TalliedAsync());
        await server.WithDbAsync(db => db.Tickets.Where(t => t.Id == stray).ExecuteDeleteAsync());

        var after = await CountedAsync();
        var routedKey = new TallyKey(other, routed.Status, TicketKind.Request, routed.Priority);
        Assert.Equal(before.GetValueOrDefault(routedKey) + 1, after.GetValueOrDefault(routedKey));
        await AssertTalliesAreTheTicketsAsync();
    }

    /// <summary>What the command line's --database takes for the server's database.</summary>
    private string DatabaseArgument => server.Database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource
        : server.Database.ConnectionString;

    /// <summary>As a load with the triggers off would leave them: a ticket never counted, and a count for tickets that are not there.</summary>
    [Fact]
    public async Task ARecountPutsTheTalliesBackAndSaysWhichWereOff()
    {
        var desk = await server.GroupIdAsync("Service Desk");
        await CompactAsync();
        var (missed, tickets) = (await CountedAsync()).First(c => c.Key.GroupId == desk);
        await server.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE "TicketTallies" SET "Count" = "Count" - 1
            WHERE "GroupId" = {missed.GroupId} AND "Status" = {(int)missed.Status} AND "Kind" = {(int)missed.Kind} AND "Priority" = {(int)missed.Priority}
            """));
        await server.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "TicketTallies" ("GroupId", "Status", "Kind", "Priority", "Count") VALUES (999999, {(int)TicketStatus.Closed}, {(int)TicketKind.Request}, {(int)Priority.P2}, 3)
            """));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["recount", "--database", DatabaseArgument], output, error);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.EndsWith("2 were off and now hold the tickets:", StringComparison.Ordinal));
        Assert.Contains($"group {desk}, {missed.Status}, {missed.Kind}, {missed.Priority}: {tickets - 1} tallied, {tickets} tickets", lines);
        Assert.Contains("group 999999, Closed, Request, P2: 3 tallied, 0 tickets", lines);
        await AssertTalliesAreTheTicketsAsync();
    }

    /// <summary>Creations, routings and transitions from many requests at once, while two compactions run over and over.</summary>
    [Fact]
    public async Task ManyWritersAndTwoCompactionsAtOnceLeaveTheTalliesExact()
    {
        using var sam = await server.ClientForAsync("sam");
        var samId = (await server.FindUserAsync("sam")).Id;
        var desk = await server.GroupIdAsync("Service Desk");
        var other = await server.WithDbAsync(db => db.Groups.Where(g => g.Id != desk).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync());
        using var writing = new CancellationTokenSource();

        async Task CompactUntilDoneAsync()
        {
            while (!writing.IsCancellationRequested)
            {
                await CompactAsync();
            }
        }

        async Task WriteAsync(int writer)
        {
            for (var i = 0; i < 6; i++)
            {
                var ticket = await sam.CreateTicketAsync($"Writer {writer} ticket {i}", kind: i % 2 == 0 ? TicketKind.Incident : TicketKind.Request, groupId: i % 3 == 0 ? null : desk);
                if ((writer + i) % 3 == 2)
                {
                    (await sam.AssignAsync(ticket.Number, other, null)).EnsureSuccessStatusCode();
                    continue;
                }
                (await sam.AssignAsync(ticket.Number, desk, samId)).EnsureSuccessStatusCode();
                (await (i % 2 == 0
                    ? sam.TransitionAsync(ticket.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Done.")
                    : sam.TransitionAsync(ticket.Number, TicketAction.Start))).EnsureSuccessStatusCode();
            }
        }

        var compactions = new[] { Task.Run(CompactUntilDoneAsync), Task.Run(CompactUntilDoneAsync) };
        await Task.WhenAll(Enumerable.Range(0, 8).Select(WriteAsync));
        await writing.CancelAsync();
        await Task.WhenAll(compactions);

        await AssertTalliesAreTheTicketsAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TicketTalliesOnSqlite(SqliteServer server) : TicketTallyTests(server);

[Collection(PostgresCollection.Name)]
public sealed class TicketTalliesOnPostgres(PostgresServer server) : TicketTallyTests(server);
