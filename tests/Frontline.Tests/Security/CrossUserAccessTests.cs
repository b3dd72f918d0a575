using System.Net;
using System.Net.Http.Json;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Desk;
using Frontline.Features.Tickets;
using Frontline.Testing;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Security;

/// <summary>
/// Someone else's work, tried by another requester, by an agent of another group and by nobody signed in: every
/// read and every change of tickets, replies, notes, attachments, links, clocks, suggestions, survey answers,
/// tokens and saved views is refused (404, 403 or 401), says nothing of what it guards, and changes nothing.
/// The authorization matrix checks roles per endpoint; this checks ownership per resource.
/// </summary>
public abstract class CrossUserAccessTests(FrontlineServer server)
{
    private const string Secret = "Salary review for the finance team";
    private const string Note = "HR confirmed the numbers";

    public static TheoryData<string?> Intruders => new() { "noah", "ravi", null };

    /// <summary>Olivia's work at the Service Desk: an open ticket with a reply, a note, a file and a link, and a resolved one she rated.</summary>
    private async Task<(string Open, string Rated, Guid File, long Link)> OliviasWorkAsync()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        var email = await server.WithDbAsync(db => db.Services.Where(s => s.Name == "E-mail").Select(s => s.Id).SingleAsync());
        var open = await (await olivia.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = Secret, description = Secret, serviceId = email })).ReadAsync<TicketView>();
        var rated = await (await olivia.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = Secret + " (done)", description = Secret, serviceId = email })).ReadAsync<TicketView>();
        (await sam.ReplyAsync(open.Number, "Looking into it")).EnsureSuccessStatusCode();
        (await sam.NoteAsync(open.Number, Note)).EnsureSuccessStatusCode();
        var file = await (await olivia.PostAsync($"/api/v1/tickets/{open.Number}/attachments", HostileUpload.Of("salaries.csv", "text/csv", Secret))).ReadAsync<AttachmentView>();
        var link = await (await sam.LinkAsync(open.Number, LinkKind.CausedBy, rated.Number)).ReadAsync<LinkView>();
        var samUser = await server.FindUserAsync("sam");
        (await sam.AssignAsync(rated.Number, null, samUser.Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(rated.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Done.")).EnsureSuccessStatusCode();
        (await olivia.PostAsJsonAsync($"/api/v1/tickets/{rated.Number}/experience", new { satisfaction = 2, effort = 3, comment = Secret })).EnsureSuccessStatusCode();
        return (open.Number, rated.Number, file.Id, link.Id);
    }

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Nobody_else_reads_a_requesters_ticket_its_conversation_files_clocks_suggestions_or_survey_answer(string? intruder)
    {
        var (open, rated, file, _) = await OliviasWorkAsync();
        using var client = intruder is null ? server.Anonymous() : await server.ClientForAsync(intruder);

        var answers = new List<(string What, HttpResponseMessage Answer)>();
        foreach (var path in new[]
        {
            $"/api/v1/tickets/{open}", $"/api/v1/tickets/{open}/entries", $"/api/v1/tickets/{open}/history", $"/api/v1/tickets/{open}/links",
            $"/api/v1/tickets/{open}/attachments", $"/api/v1/tickets/{open}/clocks", $"/api/v1/tickets/{open}/suggestions",
            $"/api/v1/tickets/{rated}/experience", $"/api/v1/attachments/{file}",
        })
        {
            answers.Add((path, await client.GetAsync(path)));
        }
        var search = await client.GetAsync("/api/v1/tickets?limit=200&q=" + Uri.EscapeDataString(Secret));

        foreach (var (what, answer) in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{what}: {(int)answer.StatusCode}");
            Assert.DoesNotContain(Secret, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(Secret, await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Nobody_else_changes_a_requesters_ticket_its_conversation_files_links_or_survey_answer(string? intruder)
    {
        var (open, rated, _, link) = await OliviasWorkAsync();
        var before = await SnapshotAsync(open, rated);
        using var client = intruder is null ? server.Anonymous() : await server.ClientForAsync(intruder);
        var desk = await server.GroupIdAsync("Business Applications");

        var answers = new List<(string What, HttpResponseMessage Answer)>
        {
            ("patch", await client.PatchAsJsonAsync($"/api/v1/tickets/{open}", new { title = "Taken over" })),
            ("assign", await client.AssignAsync(open, desk, null)),
            ("cancel", await client.TransitionAsync(open, TicketAction.Cancel, notes: "not needed")),
            ("reopen", await client.TransitionAsync(rated, TicketAction.Reopen, notes: "again")),
            ("reply", await client.ReplyAsync(open, "Injected reply")),
            ("note", await client.NoteAsync(open, "Injected note")),
            ("link", await client.LinkAsync(open, LinkKind.ParentOf, rated)),
            ("unlink", await client.DeleteAsync($"/api/v1/tickets/{open}/links/{link}")),
            ("attach", await client.PostAsync($"/api/v1/tickets/{open}/attachments", HostileUpload.Of("forged.csv", "text/csv", "forged"))),
            ("survey", await client.PostAsJsonAsync($"/api/v1/tickets/{rated}/experience", new { satisfaction = 5, effort = 7, comment = "Forged praise" })),
        };

        Assert.All(answers, a => Assert.True(a.Answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{a.What}: {(int)a.Answer.StatusCode}"));
        Assert.Equal(before, await SnapshotAsync(open, rated));
    }

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Nobody_else_lists_or_revokes_a_persons_access_token(string? intruder)
    {
        using var olivia = await server.ClientForAsync("olivia");
        var issued = await (await olivia.PostAsJsonAsync("/api/v1/tokens", new { name = "olivia's script" })).ReadAsync<IssuedToken>();
        using var client = intruder is null ? server.Anonymous() : await server.ClientForAsync(intruder);

        var revoke = await client.DeleteAsync($"/api/v1/tokens/{issued.Id}");
        var list = await client.GetAsync("/api/v1/tokens");

        Assert.True(revoke.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"revoke: {(int)revoke.StatusCode}");
        Assert.DoesNotContain(issued.Id.ToString(), await list.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var script = server.Anonymous();
        script.DefaultRequestHeaders.Authorization = new("Bearer", issued.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_agent_neither_sees_nor_deletes_another_agents_saved_view()
    {
        var sam = await CallerAsync("sam");
        var ravi = await CallerAsync("ravi");
        var saved = await server.WithDbAsync(db => SavedViews.SaveAsync(db, sam, "Sam's P1s " + Guid.NewGuid().ToString("N")[..6], "priority=p1", CancellationToken.None));

        var listed = await server.WithDbAsync(db => SavedViews.ListAsync(db, ravi, CancellationToken.None));
        var deleted = await server.WithDbAsync(db => SavedViews.DeleteAsync(db, ravi, saved.Value!.Id, CancellationToken.None));
        var replaced = await server.WithDbAsync(db => SavedViews.SaveAsync(db, ravi, saved.Value!.Name, "status=closed", CancellationToken.None));

        Assert.DoesNotContain(listed, v => v.Id == saved.Value!.Id);
        Assert.False(deleted.IsDone);
        Assert.NotEqual(saved.Value!.Id, replaced.Value!.Id);
        var samsViews = await server.WithDbAsync(db => SavedViews.ListAsync(db, sam, CancellationToken.None));
        Assert.Contains(samsViews, v => v.Id == saved.Value!.Id && v.Query == "priority=p1");
    }

    private async Task<Caller> CallerAsync(string userName)
    {
        var user = await server.FindUserAsync(userName);
        var groups = await server.WithDbAsync(db => db.GroupMembers.Where(m => m.UserId == user.Id).Select(m => m.GroupId).ToListAsync());
        return new Caller(user.Id, userName, new HashSet<string>([Roles.Agent], StringComparer.Ordinal), groups);
    }

    /// <summary>Everything an intruder could have changed about the two tickets, as one comparable value.</summary>
    private async Task<string> SnapshotAsync(string open, string rated) =>
        await server.WithDbAsync(async db =>
        {
            var tickets = await db.Tickets.AsNoTracking().Where(t => t.Number == open || t.Number == rated).OrderBy(t => t.Id)
                .Select(t => new
                {
                    t.Number, t.Title, t.Status, t.GroupId, t.Version,
                    Entries = t.Entries.Count, History = t.History.Count,
                    Files = db.Attachments.Count(a => a.TicketId == t.Id),
                    Links = db.TicketLinks.Count(l => l.FromTicketId == t.Id || l.ToTicketId == t.Id),
                    Survey = db.ExperienceResponses.Where(r => r.TicketId == t.Id).Select(r => r.Comment).FirstOrDefault(),
                    Rating = db.ExperienceResponses.Where(r => r.TicketId == t.Id).Select(r => (int?)r.Satisfaction).FirstOrDefault(),
                })
                .ToListAsync();
            return string.Join("; ", tickets);
        });
}

[Collection(SqliteCollection.Name)]
public sealed class CrossUserAccessOnSqlite(SqliteServer server) : CrossUserAccessTests(server);

[Collection(PostgresCollection.Name)]
public sealed class CrossUserAccessOnPostgres(PostgresServer server) : CrossUserAccessTests(server);
