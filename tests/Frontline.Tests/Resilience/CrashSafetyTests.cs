using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Frontline.Data;
using Frontline.Features.Tickets;
using Frontline.Testing;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Resilience;

/// <summary>
/// "An API call that answers 2xx has committed": the real server is killed with SIGKILL in the middle of a
/// concurrent creation load, started again on the same data, and the data is inspected row by row.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Clients = 16;

    // The kill comes once this many creations were answered, so it lands while the others are in flight.
    private const int AnsweredBeforeKill = 240;

    private sealed record Attempt(string Key, string Title, string Description);

    private sealed record Answered(Attempt Attempt, TicketView Ticket);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Every_answered_creation_survives_a_kill_whole_and_nothing_is_half_written(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (answered, _, _) = await CreateUntilKilledAsync(database.Options);

        await using var second = await ProcessDatabases.StartAsync(database.Options);

        Assert.True(answered.Count >= AnsweredBeforeKill, $"only {answered.Count} creations were answered before the kill");
        var adminId = answered.First().Ticket.Requester.Id;
        await using var db = Open(database.Options);
        var tickets = await db.Tickets.AsNoTracking()
            .Select(t => new { t.Number, t.Title, t.Description, t.RequesterId, Created = t.History.Count(e => e.Kind == TicketEventKind.Created) })
            .ToListAsync();
        var byTitle = tickets.ToLookup(t => t.Title);
        Assert.All(answered, a =>
        {
            var stored = Assert.Single(byTitle[a.Attempt.Title]);
            Assert.Equal((a.Ticket.Number, a.Attempt.Description, adminId, 1), (stored.Number, stored.Description, stored.RequesterId, stored.Created));
        });
        Assert.All(tickets, t => Assert.Equal(1, t.Created));
        Assert.Equal(tickets.Count, tickets.Select(t => t.Number).Distinct().Count());
        // Every ticket was created with a key: a ticket without its record (or the reverse) would be half a commit.
        Assert.Equal(tickets.Count, await db.IdempotencyRecords.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Retrying_the_unanswered_creations_after_a_kill_makes_each_ticket_exactly_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (answered, unanswered, password) = await CreateUntilKilledAsync(database.Options);
        await using var second = await ProcessDatabases.StartAsync(database.Options);
        using var retrying = await second.ClientWithTokenAsync("admin", password);

        var retried = await Task.WhenAll(unanswered.Concat(answered.Select(a => a.Attempt)).Select(a => CreateAsync(retrying, a)));

        Assert.NotEmpty(unanswered);
        Assert.All(answered, a => Assert.Contains(retried, t => t.Number == a.Ticket.Number && t.Title == a.Attempt.Title));
        await using var db = Open(database.Options);
        var titles = await db.Tickets.AsNoTracking().Select(t => t.Title).ToListAsync();
        Assert.Equal(answered.Count + unanswered.Count, titles.Count);
        Assert.Equal(titles.Count, titles.Distinct().Count());
    }

    /// <summary>A fresh server, a token, and parallel scripts creating tickets until the server is killed under them.</summary>
    private static async Task<(IReadOnlyCollection<Answered> Answered, IReadOnlyCollection<Attempt> Unanswered, string AdminPassword)> CreateUntilKilledAsync(DatabaseOptions database)
    {
        var answered = new ConcurrentBag<Answered>();
        var unanswered = new ConcurrentBag<Attempt>();
        await using var server = await ProcessDatabases.StartAsync(database);
        using var client = await server.ClientWithTokenAsync("admin", server.AdminPassword);
        using var killed = new SemaphoreSlim(0);
        var counter = new int[1];
        var killer = Task.Run(async () =>
        {
            await killed.WaitAsync();
            await server.KillAsync();
        });
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => LoadAsync(client, c, answered, unanswered, killed, counter))));
        await killer;
        return (answered, unanswered, server.AdminPassword);
    }

    /// <summary>One script creating tickets until the server goes away; the answer, or its absence, is recorded.</summary>
    private static async Task LoadAsync(HttpClient client, int clientNumber, ConcurrentBag<Answered> answered, ConcurrentBag<Attempt> unanswered, SemaphoreSlim killed, int[] answeredSoFar)
    {
        for (var i = 0; ; i++)
        {
            var attempt = new Attempt($"crash-{clientNumber}-{i}", $"Crash load {clientNumber}/{i}", $"Created by client {clientNumber} as its ticket {i}.\n\nÅ line with *Markdown* and ünïcode.");
            try
            {
                answered.Add(new Answered(attempt, await CreateAsync(client, attempt)));
                // Exactly one client sees the count pass the mark, so the kill is asked for once.
                if (Interlocked.Increment(ref answeredSoFar[0]) == AnsweredBeforeKill)
                {
                    killed.Release();
                }
            }
            catch (HttpRequestException)
            {
                // The server died under this request: it may or may not have committed, and the test allows both.
                unanswered.Add(attempt);
                return;
            }
        }
    }

    private static async Task<TicketView> CreateAsync(HttpClient client, Attempt attempt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(new { kind = "incident", title = attempt.Title, description = attempt.Description }, options: Infrastructure.Api.Json),
        };
        request.Headers.Add("Idempotency-Key", attempt.Key);
        using var response = await client.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            // Anything but success or a dropped connection is a bug the crash must not hide.
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<TicketView>(Infrastructure.Api.Json))!;
    }

    private static FrontlineDb Open(DatabaseOptions options)
    {
        var services = new ServiceCollection().AddLogging().AddFrontlineData(options).BuildServiceProvider();
        return services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<FrontlineDb>>().CreateDbContext();
    }
}
