using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Features.Accounts;
using Frontline.Features.Knowledge;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

/// <summary>Full-text search of the knowledge base, on each database's own engine (FTS5, tsvector).</summary>
public abstract class KnowledgeSearchTests(FrontlineServer server)
{
    private async Task<T> WithKnowledgeAsync<T>(Func<KnowledgeBase, Task<T>> work)
    {
        using var scope = server.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<KnowledgeBase>());
    }

    private async Task<Caller> AgentAsync()
    {
        var sam = await server.FindUserAsync("sam");
        return new Caller(sam.Id, "sam", new HashSet<string> { Roles.Agent }, []);
    }

    private async Task<KnowledgeArticle> PublishedAsync(string title, string body, ArticleAudience audience = ArticleAudience.Requesters)
    {
        var agent = await AgentAsync();
        var draft = await WithKnowledgeAsync(kb => kb.CreateDraftAsync(title, body, agent.Id, CancellationToken.None, audience));
        var published = await WithKnowledgeAsync(kb => kb.MoveAsync(agent, draft.Value!.Id, ArticleStatus.Published, CancellationToken.None));
        return published.Value!;
    }

    [Fact]
    public async Task AnArticleTitledWithTheWordsRanksAboveOneThatOnlyMentionsThem()
    {
        var mention = await PublishedAsync("Printer paper trays", "If the quarbix zintel light blinks, see the other article. Paper goes in tray 2.");
        var titled = await PublishedAsync("Replace the quarbix zintel", "Open the front panel, pull the quarbix zintel cartridge out and push the new one in until it clicks.");

        var hits = await WithKnowledgeAsync(kb => kb.SearchAsync("quarbix zintel", 10, ArticleScope.Requester, CancellationToken.None));

        Assert.Equal([titled.Id, mention.Id], hits.Select(h => h.Id));
        Assert.Contains($"{SearchText.MatchStart}quarbix{SearchText.MatchEnd}", hits[0].Snippet, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(SearchText.MatchStart, hits[0].TitleMarked);
    }

    [Fact]
    public async Task WordsAreMatchedByTheirStemAndTheWordBeingTypedByItsPrefix()
    {
        var article = await PublishedAsync("Zelmoric passwords expire every 90 days", "Change your zelmoric password before it expires.");

        var stemmed = await WithKnowledgeAsync(kb => kb.SearchAsync("zelmoric password expiring", 10, ArticleScope.Requester, CancellationToken.None));
        var typing = await WithKnowledgeAsync(kb => kb.SearchAsync("my zelmo", 10, ArticleScope.Requester, CancellationToken.None, asTyped: true));

        Assert.Equal(article.Id, stemmed[0].Id);
        Assert.Equal(article.Id, typing[0].Id);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("vpnixor\" OR \"")]
    [InlineData("NEAR(vpnixor tunnel, 2)")]
    [InlineData("vpnixor*")]
    [InlineData("*")]
    [InlineData("title:vpnixor")]
    [InlineData("^vpnixor")]
    [InlineData("vpnixor AND NOT OR")]
    [InlineData("'; DROP TABLE \"KnowledgeArticles\"; --")]
    [InlineData("vpnixor') OR 1=1 --")]
    [InlineData("(((vpnixor")]
    [InlineData("-vpnixor +tunnel")]
    [InlineData("vpnixor:* & !tunnel | <->")]
    [InlineData("vpnixor\u0000tunnel")]
    [InlineData("\uE000vpnixor\uE001")]
    [InlineData("🔒 vpnixor 🔒")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task HostileSearchTextNeverBreaksTheQuery(string text)
    {
        await PublishedAsync("Vpnixor tunnel drops", "Reconnect the vpnixor tunnel client.");

        var hits = await WithKnowledgeAsync(kb => kb.SearchAsync(text, 10, ArticleScope.Requester, CancellationToken.None, asTyped: true));
        var typed = await WithKnowledgeAsync(kb => kb.SearchAsync(text + " tunnel", 10, ArticleScope.Desk, CancellationToken.None));

        Assert.All(hits, h => Assert.Equal(ArticleStatus.Published, h.Status));
        Assert.NotEmpty(typed);
        Assert.True(await server.WithDbAsync(db => db.KnowledgeArticles.AnyAsync()));
    }

    [Fact]
    public async Task RequestersFindOnlyPublishedArticlesWrittenForThem()
    {
        var agent = await AgentAsync();
        await WithKnowledgeAsync(kb => kb.CreateDraftAsync("Plovnic draft", "plovnic", agent.Id, CancellationToken.None));
        var internalOnly = await PublishedAsync("Plovnic admin reset", "plovnic console steps", ArticleAudience.AgentsOnly);
        var forRequesters = await PublishedAsync("Plovnic for everyone", "plovnic self-service");

        var requester = await WithKnowledgeAsync(kb => kb.SearchAsync("plovnic", 10, ArticleScope.Requester, CancellationToken.None));
        var desk = await WithKnowledgeAsync(kb => kb.SearchAsync("plovnic", 10, ArticleScope.Desk, CancellationToken.None));
        var everything = await WithKnowledgeAsync(kb => kb.SearchAsync("plovnic", 10, ArticleScope.Everything, CancellationToken.None));

        Assert.Equal([forRequesters.Id], requester.Select(h => h.Id));
        Assert.Equal(new[] { forRequesters.Id, internalOnly.Id }.Order(), desk.Select(h => h.Id).Order());
        Assert.Equal(3, everything.Count);
    }

    [Fact]
    public async Task AnEditIsANewVersionAndTheIndexFollowsIt()
    {
        var agent = await AgentAsync();
        var article = await PublishedAsync("Grentil laptop dock", "Plug the grentil dock in.");

        var saved = await WithKnowledgeAsync(kb => kb.SaveAsync(agent, article.Id, new ArticleInput("Brastow laptop dock", "Plug the brastow dock in.", "Renamed", Version: 1), CancellationToken.None));
        var stale = await WithKnowledgeAsync(kb => kb.SaveAsync(agent, article.Id, new ArticleInput("Lost edit", "x", Version: 1), CancellationToken.None));

        Assert.Equal(2, saved.Value!.Version);
        Assert.Equal(Features.Tickets.Refusal.Conflict, stale.Refusal);
        var versions = await WithKnowledgeAsync(kb => kb.VersionsAsync(article.Id, CancellationToken.None));
        Assert.Equal([(2, "Brastow laptop dock", "Renamed"), (1, "Grentil laptop dock", "Drafted")], versions.Select(v => (v.Number, v.Title, v.Note)));
        Assert.Empty(await WithKnowledgeAsync(kb => kb.SearchAsync("grentil", 10, ArticleScope.Everything, CancellationToken.None)));
        Assert.Single(await WithKnowledgeAsync(kb => kb.SearchAsync("brastow", 10, ArticleScope.Everything, CancellationToken.None)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KnowledgeSearchOnSqlite(SqliteServer server) : KnowledgeSearchTests(server);

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeSearchOnPostgres(PostgresServer server) : KnowledgeSearchTests(server);
