using System.Net;
using System.Net.Http.Json;
using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Features.Knowledge;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Frontline.Tests.Api;

/// <summary>The knowledge base over HTTP: the desk writes and publishes, requesters read what is meant for them.</summary>
public abstract class KnowledgeApiTests(FrontlineServer server)
{
    private static async Task<ArticleView> WriteAsync(HttpClient agent, string title, string body, ArticleAudience audience = ArticleAudience.Requesters, bool publish = true)
    {
        var created = await (await agent.PostAsJsonAsync("/api/v1/knowledge", new { title, body, audience }, Infrastructure.Api.Json)).ReadAsync<ArticleView>();
        return publish ? await (await agent.PostAsync($"/api/v1/knowledge/{created.Id}/publish", null)).ReadAsync<ArticleView>() : created;
    }

    [Fact]
    public async Task ARequesterGets404ForDraftsAndAgentsOnlyArticlesAndNeverFindsThem()
    {
        using var sam = await server.ClientForAsync("sam");
        using var olivia = await server.ClientForAsync("olivia");
        var draft = await WriteAsync(sam, "Dravolin draft", "dravolin steps", publish: false);
        var internalOnly = await WriteAsync(sam, "Dravolin console", "dravolin admin", ArticleAudience.AgentsOnly);
        var open = await WriteAsync(sam, "Dravolin for all", "dravolin self-service");

        var draftRead = await olivia.GetAsync($"/api/v1/knowledge/{draft.Id}");
        var internalRead = await olivia.GetAsync($"/api/v1/knowledge/{internalOnly.Id}");
        var found = await (await olivia.GetAsync("/api/v1/knowledge/search?q=dravolin")).ReadAsync<List<ArticleHitView>>();
        var listed = await (await olivia.GetAsync("/api/v1/knowledge")).ReadAsync<List<ArticleView>>();

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (draftRead.StatusCode, internalRead.StatusCode));
        Assert.Equal([open.Id], found.Select(h => h.Id));
        Assert.DoesNotContain(listed, a => a.Status != ArticleStatus.Published || a.Audience != ArticleAudience.Requesters);
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync($"/api/v1/knowledge/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olivia.PostAsJsonAsync($"/api/v1/knowledge/{draft.Id}/feedback", new { helpful = true })).StatusCode);
    }

    [Fact]
    public async Task EverySaveIsAVersionAndAStaleSaveIsRefusedWithoutLosingTheNewerOne()
    {
        using var sam = await server.ClientForAsync("sam");
        var article = await WriteAsync(sam, "Dock flickers", "Reseat the cable.");

        var second = await (await sam.PutAsJsonAsync($"/api/v1/knowledge/{article.Id}", new { body = "Reseat the cable, then update the dock firmware.", note = "Firmware step", version = 1 })).ReadAsync<ArticleView>();
        var stale = await sam.PutAsJsonAsync($"/api/v1/knowledge/{article.Id}", new { body = "Older edit", version = 1 });
        var versions = await (await sam.GetAsync($"/api/v1/knowledge/{article.Id}/versions")).ReadAsync<List<VersionView>>();

        Assert.Equal(2, second.Version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal([(2, "Firmware step"), (1, "Drafted")], versions.Select(v => (v.Number, v.Note)));
        Assert.Equal("Reseat the cable, then update the dock firmware.", (await (await sam.GetAsync($"/api/v1/knowledge/{article.Id}")).ReadAsync<ArticleView>()).Body);
        Assert.Equal("Reseat the cable.", versions[1].Body);
    }

    [Fact]
    public async Task BadArticlesAndBadMovesAreRefusedByName()
    {
        using var sam = await server.ClientForAsync("sam");
        using var olivia = await server.ClientForAsync("olivia");
        var article = await WriteAsync(sam, "Headset crackles", "Swap the USB port.");

        var untitled = await sam.PostAsJsonAsync("/api/v1/knowledge", new { title = "  ", body = "x" });
        var noVersion = await sam.PutAsJsonAsync($"/api/v1/knowledge/{article.Id}", new { title = "Headset" });
        var unknownService = await sam.PostAsJsonAsync("/api/v1/knowledge", new { title = "t", body = "x", serviceId = 999999 });
        var publishedTwice = await sam.PostAsync($"/api/v1/knowledge/{article.Id}/publish", null);
        var byRequester = await olivia.PostAsJsonAsync("/api/v1/knowledge", new { title = "Mine", body = "x" });

        Assert.Contains("title", (await untitled.ProblemAsync()).Errors!.Keys);
        Assert.Contains("version", (await noVersion.ProblemAsync()).Errors!.Keys);
        Assert.Contains("serviceId", (await unknownService.ProblemAsync()).Errors!.Keys);
        Assert.Equal(HttpStatusCode.Conflict, publishedTwice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byRequester.StatusCode);
    }

    [Fact]
    public async Task ReadersSayWhetherItHelpedOnceEachAndTheDeskSeesIt()
    {
        using var sam = await server.ClientForAsync("sam");
        using var olivia = await server.ClientForAsync("olivia");
        var article = await WriteAsync(sam, "Calendar not syncing", "Remove and re-add the account.");

        (await olivia.PostAsJsonAsync($"/api/v1/knowledge/{article.Id}/feedback", new { helpful = false, comment = "Did not work on iPhone" })).EnsureSuccessStatusCode();
        (await olivia.PostAsJsonAsync($"/api/v1/knowledge/{article.Id}/feedback", new { helpful = true, comment = "Worked after a restart" })).EnsureSuccessStatusCode();
        var missing = await olivia.PostAsJsonAsync($"/api/v1/knowledge/{article.Id}/feedback", new { comment = "?" });

        Assert.Contains("helpful", (await missing.ProblemAsync()).Errors!.Keys);
        var feedback = await (await sam.GetAsync($"/api/v1/knowledge/{article.Id}/feedback")).ReadAsync<List<FeedbackView>>();
        Assert.Equal([(true, "Worked after a restart")], feedback.Select(f => (f.Helpful, f.Comment)));
        var use = await (await sam.GetAsync("/api/v1/knowledge/use")).ReadAsync<List<ArticleUseView>>();
        Assert.Equal((1, 0), use.Where(u => u.Id == article.Id).Select(u => (u.Helpful, u.NotHelpful)).Single());
    }

    [Fact]
    public async Task SearchOverTheApiAnswersHighlightedSafeHtmlWhateverIsTyped()
    {
        using var sam = await server.ClientForAsync("sam");
        await WriteAsync(sam, "Skrell <b>monitor</b> goes dark", "Press the skrell monitor's input button.");

        var hits = await (await sam.GetAsync("/api/v1/knowledge/search?q=" + Uri.EscapeDataString("skrell\" NEAR( ') OR 1=1 --"))).ReadAsync<List<ArticleHitView>>();

        var hit = Assert.Single(hits);
        Assert.Equal("<mark>Skrell</mark> &lt;b&gt;monitor&lt;/b&gt; goes dark", hit.TitleHtml);
        Assert.Contains("<mark>skrell</mark>", hit.SnippetHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnArticleOpenedFromSuggestionsWithNoTicketWithinTheWindowCountsAsDeflected()
    {
        using var sam = await server.ClientForAsync("sam");
        var article = await WriteAsync(sam, "Deflectum guide", "deflectum");
        var olivia = (await server.FindUserAsync("olivia")).Id;
        var now = DateTime.UtcNow;
        var ticketId = await server.WithDbAsync(db => Task.FromResult(db.Tickets.Select(t => t.Id).First()));
        Guid spared = Guid.NewGuid(), raisedAnyway = Guid.NewGuid(), raisedLater = Guid.NewGuid(), stillDeciding = Guid.NewGuid(), onlyOffered = Guid.NewGuid();

        await LogAsync(now.AddHours(-2), log => log.SuggestedAsync(spared, olivia, [article.Id], default));
        await LogAsync(now.AddHours(-2), log => log.SuggestedAsync(spared, olivia, [article.Id], default));
        await LogAsync(now.AddHours(-2), log => log.OpenedAsync(spared, olivia, article.Id, default));
        await LogAsync(now.AddHours(-2), log => log.OpenedAsync(raisedAnyway, olivia, article.Id, default));
        await LogAsync(now.AddHours(-2).AddMinutes(10), log => log.SubmittedAsync(raisedAnyway, olivia, ticketId, default));
        await LogAsync(now.AddHours(-2), log => log.OpenedAsync(raisedLater, olivia, article.Id, default));
        await LogAsync(now.AddHours(-1), log => log.SubmittedAsync(raisedLater, olivia, ticketId, default));
        await LogAsync(now.AddMinutes(-1), log => log.OpenedAsync(stillDeciding, olivia, article.Id, default));
        await LogAsync(now.AddHours(-2), log => log.SuggestedAsync(onlyOffered, olivia, [article.Id], default));

        var use = await (await sam.GetAsync("/api/v1/knowledge/use")).ReadAsync<List<ArticleUseView>>();

        Assert.Equal((2, 4, 2), use.Where(u => u.Id == article.Id).Select(u => (u.Suggested, u.Opened, u.Deflected)).Single());
    }

    private async Task LogAsync(DateTime at, Func<SuggestionLog, Task> write)
    {
        var window = Options.Create(new KnowledgeOptions { DeflectionWindow = TimeSpan.FromMinutes(30) });
        await server.WithDbAsync(async db =>
        {
            await write(new SuggestionLog(db, new FixedClock(at), window));
            return true;
        });
    }

    private sealed class FixedClock(DateTime at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(at, TimeSpan.Zero);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KnowledgeApiOnSqlite(SqliteServer server) : KnowledgeApiTests(server);

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeApiOnPostgres(PostgresServer server) : KnowledgeApiTests(server);
