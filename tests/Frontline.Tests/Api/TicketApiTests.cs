using System.Net;
using System.Net.Http.Json;
using Frontline.Domain.Tickets;
using Frontline.Data;
using Frontline.Features.Directory;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

/// <summary>Ticket work through the REST API, the same on every storage provider.</summary>
public abstract class TicketApiTests(FrontlineServer server)
{
    [Fact]
    public async Task CreatingAnIncidentGivesItANumberAPriorityFromTheMatrixAndAHistory()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Printer on floor 3 jams", impact: Impact.High, urgency: Urgency.High);

        Assert.Matches("^INC[0-9]{7}$", ticket.Number);
        Assert.Equal(Priority.P1, ticket.Priority);
        Assert.Equal(TicketStatus.New, ticket.Status);
        var history = await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/history")).ReadAsync<List<EventView>>();
        Assert.Contains(history, h => h.Kind == TicketEventKind.Created);
    }

    [Fact]
    public async Task TheAnswerToACreationIsTheTicketAsALaterReadShowsIt()
    {
        using var sam = await server.ClientForAsync("sam");
        var service = (await (await sam.GetAsync("/api/v1/services")).ReadAsync<List<ServiceView>>()).First(s => s.IsActive && s.DefaultGroupId is not null);
        var category = (await (await sam.GetAsync("/api/v1/categories")).ReadAsync<List<CategoryView>>()).First(c => c.IsActive);
        // A manager sees every ticket anyway, so watching this one changes nothing for other tests.
        var maria = (await server.FindUserAsync("maria")).Id;

        var created = await sam.PostAsJsonAsync("/api/v1/tickets", new { kind = "request", title = "Answered from memory", description = "x", serviceId = service.Id, categoryId = category.Id, tags = new[] { "zeta", "alpha" }, watchers = new[] { maria, maria }, impact = "high" });
        var answer = await created.Content.ReadAsStringAsync();
        var number = (await created.ReadAsync<TicketView>()).Number;
        var read = await (await sam.GetAsync($"/api/v1/tickets/{number}")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(read, answer);
        Assert.Contains($"\"group\":{{\"id\":{service.DefaultGroupId}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsAndIncidentsAreNumberedInTheirOwnSeries()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var request = await olivia.CreateTicketAsync("New laptop for a starter", TicketKind.Request);
        var incident = await olivia.CreateTicketAsync("Laptop will not boot");

        Assert.StartsWith("REQ", request.Number, StringComparison.Ordinal);
        Assert.StartsWith("INC", incident.Number, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelCreatesGetDistinctConsecutiveNumbers()
    {
        using var sam = await server.ClientForAsync("sam");
        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => sam.CreateTicketAsync($"Parallel {i}", TicketKind.Problem)));
        var numbers = created.Select(t => SequenceOf(t.Number)).Order().ToList();

        Assert.Equal(numbers.Distinct().Count(), numbers.Count);
        Assert.Equal(numbers[0] + numbers.Count - 1, numbers[^1]);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyCreatesOneTicketAndReplaysTheAnswer()
    {
        using var sam = await server.ClientForAsync("sam");
        var key = Guid.NewGuid().ToString();
        var body = new { kind = "incident", title = "Retried by a script " + key, description = "x" };
        // At once (likely in one writer batch) and then one after another (the writer finds the key already answered).
        var attempts = (await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendKeyedAsync(sam, key, body)))).ToList();
        attempts.Add(await SendKeyedAsync(sam, key, body));

        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.Created, a.Response.StatusCode));
        Assert.Single(attempts.Select(a => a.Number).Distinct());
        Assert.Single(attempts, a => !a.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(attempts[0].Response.Headers.Location, attempts[^1].Response.Headers.Location);
        var page = await (await sam.GetAsync($"/api/v1/tickets?status=new&q={Uri.EscapeDataString(key)}")).ReadAsync<TicketPage>();
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task ARetryHearsTheFirstAnswerEvenWhenTheRequestWouldNowBeRefused()
    {
        using var admin = await server.ClientForAsync("admin");
        using var sam = await server.ClientForAsync("sam");
        var userName = "leaver" + Guid.NewGuid().ToString("N")[..8];
        var leaver = (await (await admin.PostAsJsonAsync("/api/v1/users", new { userName, email = $"{userName}@example.com", displayName = "Leaving Soon", roles = new[] { "requester" } })).ReadAsync<CreatedUser>()).User;
        var key = Guid.NewGuid().ToString();
        var body = new { kind = "incident", title = "Raised for a leaver", description = "x", requesterId = leaver.Id };
        var first = await SendKeyedAsync(sam, key, body);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{leaver.Id}", new { isActive = false })).EnsureSuccessStatusCode();

        var retry = await SendKeyedAsync(sam, key, body);
        var fresh = await SendKeyedAsync(sam, Guid.NewGuid().ToString(), body);

        Assert.Equal(HttpStatusCode.Created, first.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.Response.StatusCode);
        Assert.Equal(first.Number, retry.Number);
        Assert.Equal(HttpStatusCode.BadRequest, fresh.Response.StatusCode);
    }

    [Fact]
    public async Task APersonRaisingTheirOwnTicketsIsNamedAsTheyAreNowAndIsRefusedOnceDeactivated()
    {
        using var admin = await server.ClientForAsync("admin");
        var userName = "mover" + Guid.NewGuid().ToString("N")[..8];
        var mover = (await (await admin.PostAsJsonAsync("/api/v1/users", new { userName, email = $"{userName}@example.com", displayName = "Before Rename", roles = new[] { "requester" } })).ReadAsync<CreatedUser>()).User;
        using var person = await server.ClientForAsync(userName);

        var before = await person.CreateTicketAsync("Raised before the rename");
        (await admin.PatchAsJsonAsync($"/api/v1/users/{mover.Id}", new { displayName = "After Rename" })).EnsureSuccessStatusCode();
        var after = await person.CreateTicketAsync("Raised after the rename");
        (await admin.PatchAsJsonAsync($"/api/v1/users/{mover.Id}", new { isActive = false })).EnsureSuccessStatusCode();
        var gone = await person.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "Raised after leaving", description = "x" });

        Assert.Equal(("Before Rename", "After Rename"), (before.Requester.Name, after.Requester.Name));
        Assert.Equal("After Rename", (await admin.GetTicketAsync(after.Number)).Requester.Name);
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    /// <returns>The answer, and the number of the ticket it names when it is 201 Created.</returns>
    private static async Task<(HttpResponseMessage Response, string? Number)> SendKeyedAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        return (response, response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<TicketView>(Infrastructure.Api.Json))!.Number : null);
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedWithAnotherBodyIsRefused()
    {
        using var sam = await server.ClientForAsync("sam");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send(string title) => (await SendKeyedAsync(sam, key, new { kind = "incident", title, description = "x" })).Response;

        Assert.Equal(HttpStatusCode.Created, (await Send("first")).StatusCode);
        var second = await Send("something else");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        await second.ProblemAsync();
    }

    [Fact]
    public async Task TheLifecycleRunsFromNewToClosedAndRefusesSkippingSteps()
    {
        using var sam = await server.ClientForAsync("sam");
        var samUser = await server.FindUserAsync("sam");
        var desk = await server.GroupIdAsync("Service Desk");
        var ticket = await sam.CreateTicketAsync("VPN drops every hour");

        var early = await sam.TransitionAsync(ticket.Number, TicketAction.Close);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("close", (await early.ProblemAsync()).Detail!, StringComparison.OrdinalIgnoreCase);

        (await sam.AssignAsync(ticket.Number, desk, samUser.Id)).EnsureSuccessStatusCode();
        Assert.Equal(TicketStatus.Assigned, (await sam.GetTicketAsync(ticket.Number)).Status);
        (await sam.TransitionAsync(ticket.Number, TicketAction.Start)).EnsureSuccessStatusCode();

        var pendWithoutReason = await sam.TransitionAsync(ticket.Number, TicketAction.Pend);
        Assert.Equal(HttpStatusCode.BadRequest, pendWithoutReason.StatusCode);
        (await sam.TransitionAsync(ticket.Number, TicketAction.Pend, PendingReason.Supplier)).EnsureSuccessStatusCode();
        var pending = await sam.GetTicketAsync(ticket.Number);
        Assert.Equal((TicketStatus.Pending, PendingReason.Supplier), (pending.Status, pending.PendingReason));

        (await sam.TransitionAsync(ticket.Number, TicketAction.Resume)).EnsureSuccessStatusCode();
        var resolveWithoutCode = await sam.TransitionAsync(ticket.Number, TicketAction.Resolve);
        Assert.Equal(HttpStatusCode.BadRequest, resolveWithoutCode.StatusCode);
        (await sam.TransitionAsync(ticket.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Replaced the VPN profile.")).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(ticket.Number, TicketAction.Reopen, notes: "Dropped again this morning.")).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(ticket.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Workaround, notes: "Use the backup gateway.")).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(ticket.Number, TicketAction.Close)).EnsureSuccessStatusCode();

        var closed = await sam.GetTicketAsync(ticket.Number);
        Assert.Equal(TicketStatus.Closed, closed.Status);
        Assert.Equal(ResolutionCode.Workaround, closed.Resolution?.Code);
        var statuses = (await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/history")).ReadAsync<List<EventView>>())
            .Where(h => h.Field == "status").Select(h => h.After).ToList();
        Assert.Equal(["Assigned", "InProgress", "Pending", "InProgress", "Resolved", "InProgress", "Resolved", "Closed"], statuses);
    }

    [Fact]
    public async Task AnInvalidTransitionChangesNothing()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Cannot print");
        var before = await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/history")).ReadAsync<List<EventView>>();

        var response = await sam.TransitionAsync(ticket.Number, TicketAction.Resume);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ticket.Version, (await sam.GetTicketAsync(ticket.Number)).Version);
        Assert.Equal(before.Count, (await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/history")).ReadAsync<List<EventView>>()).Count);
    }

    [Fact]
    public async Task RequestersSeeRepliesButNeverInternalNotes()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        var ticket = await olivia.CreateTicketAsync("Outlook keeps asking for my password");

        (await sam.ReplyAsync(ticket.Number, "Please restart Outlook and tell me if it asks again.")).EnsureSuccessStatusCode();
        (await sam.NoteAsync(ticket.Number, "Probably the conditional access policy rollout.")).EnsureSuccessStatusCode();
        var refusedNote = await olivia.NoteAsync(ticket.Number, "I would like to write an internal note");

        Assert.Equal(HttpStatusCode.Forbidden, refusedNote.StatusCode);
        var seenByRequester = await (await olivia.GetAsync($"/api/v1/tickets/{ticket.Number}/entries")).ReadAsync<List<EntryView>>();
        var seenByAgent = await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/entries")).ReadAsync<List<EntryView>>();
        Assert.Equal([EntryVisibility.Public], seenByRequester.Select(e => e.Visibility));
        Assert.Equal(2, seenByAgent.Count);
        Assert.NotNull((await olivia.GetTicketAsync(ticket.Number)).FirstRespondedAt);
    }

    [Fact]
    public async Task ARequesterGetsNotFoundForSomeoneElsesTicket()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        var agentsTicket = await sam.CreateTicketAsync("Switch in rack B is flapping");

        Assert.Equal(HttpStatusCode.NotFound, (await olivia.GetAsync($"/api/v1/tickets/{agentsTicket.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olivia.ReplyAsync(agentsTicket.Number, "me too")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olivia.PatchAsJsonAsync($"/api/v1/tickets/{agentsTicket.Number}", new { title = "mine now" })).StatusCode);
        var list = await (await olivia.GetAsync("/api/v1/tickets?status=open&limit=200")).ReadAsync<TicketPage>();
        Assert.DoesNotContain(list.Items, t => t.Number == agentsTicket.Number);
        Assert.All(list.Items, t => Assert.Equal("Olivia", t.Requester.Name.Split(' ')[0]));
    }

    [Fact]
    public async Task AnAgentOfAnotherGroupCannotSeeOrWorkAGroupsTicket()
    {
        using var sam = await server.ClientForAsync("sam");
        using var ravi = await server.ClientForAsync("ravi");
        var ticket = await sam.CreateTicketAsync("Password reset for a shared account", groupId: await server.GroupIdAsync("Service Desk"));

        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync($"/api/v1/tickets/{ticket.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.TransitionAsync(ticket.Number, TicketAction.Cancel)).StatusCode);
        using var maria = await server.ClientForAsync("maria");
        Assert.Equal(HttpStatusCode.OK, (await maria.GetAsync($"/api/v1/tickets/{ticket.Number}")).StatusCode);
    }

    [Fact]
    public async Task UpdatesRecordEveryFieldChangeAndRejectAStaleVersion()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Teams calls drop", impact: Impact.Low, urgency: Urgency.Low);

        var updated = await (await sam.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Number}", new { title = "Teams calls drop after 5 minutes", urgency = "high", tags = new[] { "teams", "audio" }, version = ticket.Version }, Infrastructure.Api.Json)).ReadAsync<TicketView>();
        var stale = await sam.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Number}", new { title = "lost update", version = ticket.Version });

        Assert.Equal(Priority.P3, updated.Priority);
        Assert.Equal(["audio", "teams"], updated.Tags.Order());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var history = await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/history")).ReadAsync<List<EventView>>();
        var titleChange = Assert.Single(history, h => h.Field == "title");
        Assert.Equal(("Teams calls drop", "Teams calls drop after 5 minutes"), (titleChange.Before, titleChange.After));
        Assert.Contains(history, h => h.Field == "priority" && h.Before == "P5" && h.After == "P3");
        Assert.Equal("Teams calls drop after 5 minutes", (await sam.GetTicketAsync(ticket.Number)).Title);
    }

    [Fact]
    public async Task AParentCannotBeResolvedWhileAChildIsOpen()
    {
        using var sam = await server.ClientForAsync("sam");
        var samUser = await server.FindUserAsync("sam");
        var parent = await sam.CreateTicketAsync("E-mail outage for the whole office");
        var child = await sam.CreateTicketAsync("My mail is not arriving");
        (await sam.LinkAsync(parent.Number, LinkKind.ParentOf, child.Number)).EnsureSuccessStatusCode();
        (await sam.AssignAsync(parent.Number, null, samUser.Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(parent.Number, TicketAction.Start)).EnsureSuccessStatusCode();

        var blocked = await sam.TransitionAsync(parent.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Mail flows again.");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("child", (await blocked.ProblemAsync()).Detail!, StringComparison.Ordinal);

        var loop = await sam.LinkAsync(child.Number, LinkKind.ParentOf, parent.Number);
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);

        (await sam.TransitionAsync(child.Number, TicketAction.Cancel, notes: "Part of the outage.")).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(parent.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Mail flows again.")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ListingPagesThroughEveryTicketOnceWithACursor()
    {
        using var maria = await server.ClientForAsync("maria");
        var total = await server.WithDbAsync(db => Task.FromResult(db.Tickets.Count(t => t.Status == TicketStatus.Closed)));
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/tickets?status=closed&sort=priority&limit=25" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await maria.GetAsync(url)).ReadAsync<TicketPage>();
            Assert.True(page.Items.Count <= 25);
            var priorities = page.Items.Select(t => t.Priority).ToList();
            Assert.Equal(priorities.Order(), priorities);
            seen.AddRange(page.Items.Select(t => t.Number));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.True(total > 25, "the demo organisation has more than one page of closed tickets");
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
    }

    [Fact]
    public async Task SearchFindsTicketsByTitleWordsAndFiltersCombine()
    {
        using var sam = await server.ClientForAsync("sam");
        var marker = "zebra" + Guid.NewGuid().ToString("N")[..8];
        var wanted = await sam.CreateTicketAsync($"Docking station {marker} flickers", impact: Impact.High, urgency: Urgency.High);
        await sam.CreateTicketAsync($"Docking station {marker} is fine", impact: Impact.Low, urgency: Urgency.Low);

        var page = await (await sam.GetAsync($"/api/v1/tickets?q={marker}&priority=p1")).ReadAsync<TicketPage>();

        Assert.Equal([wanted.Number], page.Items.Select(t => t.Number));
    }

    [Fact]
    public async Task QueueCountsSayHowManyOfTheFilteredTicketsAreInEachStatus()
    {
        using var maria = await server.ClientForAsync("maria");
        var open = await server.WithDbAsync(db => Task.FromResult(db.Tickets.AsEnumerable().GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Count())));

        var counts = await (await maria.GetAsync("/api/v1/tickets/counts")).ReadAsync<TicketCounts>();
        var closed = await (await maria.GetAsync("/api/v1/tickets/counts?status=closed")).ReadAsync<TicketCounts>();

        Assert.Equal(TicketFilter.Open, counts.ByStatus.Select(c => c.Status));
        Assert.All(counts.ByStatus, c => Assert.Equal(open.GetValueOrDefault(c.Status), c.Count));
        Assert.Equal(counts.ByStatus.Sum(c => c.Count), counts.Total);
        Assert.Equal(open[TicketStatus.Closed], Assert.Single(closed.ByStatus).Count);
    }

    private static long SequenceOf(string number) =>
        TicketNumber.TryParse(number, out _, out var sequence) ? sequence : throw new FormatException(number);

    [Fact]
    public async Task AttachmentsAreKeptAndServedAsDownloadsNeverAsPages()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var ticket = await olivia.CreateTicketAsync("Screenshot of the error");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray());
        file.Headers.ContentType = new("text/html");
        form.Add(file, "file", "../../etc/evil.html");

        var uploaded = await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", form);
        var attachment = await uploaded.ReadAsync<AttachmentView>();
        var download = await olivia.GetAsync($"/api/v1/attachments/{attachment.Id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.DoesNotContain('/', attachment.FileName);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotEqual("text/html", download.Content.Headers.ContentType?.MediaType);
        using var stranger = await server.ClientForAsync("noah");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/attachments/{attachment.Id}")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TicketApiOnSqlite(SqliteServer server) : TicketApiTests(server);

[Collection(PostgresCollection.Name)]
public sealed class TicketApiOnPostgres(PostgresServer server) : TicketApiTests(server);
