using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;

namespace Frontline.Features.Knowledge;

public sealed record ArticleView(
    int Id, string Title, string Body, ArticleStatus Status, ArticleAudience Audience, Guid OwnerId, string? Owner,
    int? ServiceId, int? CategoryId, DateTime? ReviewBy, bool DueForReview, int Version, DateTime CreatedAt, DateTime UpdatedAt, DateTime? PublishedAt)
{
    public static ArticleView Of(KnowledgeArticle a, DateTime now) =>
        new(a.Id, a.Title, a.Body, a.Status, a.Audience, a.OwnerId, a.Owner?.DisplayName, a.ServiceId, a.CategoryId, a.ReviewBy,
            ArticleRules.IsDueForReview(a.Status, a.ReviewBy, now), a.Version, a.CreatedAt, a.UpdatedAt, a.PublishedAt);
}

/// <summary>A search result; <c>titleHtml</c> and <c>snippetHtml</c> are encoded HTML with the matched words in &lt;mark&gt;.</summary>
public sealed record ArticleHitView(int Id, string Title, string TitleHtml, string SnippetHtml, ArticleStatus Status, ArticleAudience Audience, double Score)
{
    public static ArticleHitView Of(ArticleHit h) => new(h.Id, h.Title, Highlight.ToHtml(h.TitleMarked), Highlight.ToHtml(h.Snippet), h.Status, h.Audience, h.Score);
}

public sealed record VersionView(int Number, string Title, string Body, Guid AuthorId, string? Author, DateTime At, string Note);

public sealed record FeedbackView(bool Helpful, string Comment, int ArticleVersion, DateTime At);

/// <summary>Per article: feedback and what the portal's suggestions did (offered, opened, tickets spared).</summary>
public sealed record ArticleUseView(int Id, string Title, ArticleStatus Status, int Helpful, int NotHelpful, int Suggested, int Opened, int Deflected);

/// <summary>/api/v1/knowledge: everyone reads what their scope allows (a draft is "not found" to a requester); the desk writes.</summary>
public static class KnowledgeApi
{
    public static void MapKnowledgeApi(this RouteGroupBuilder api)
    {
        var knowledge = api.MapGroup("/knowledge").WithTags("Knowledge");
        knowledge.MapGet("/", async (ArticleStatus? status, int? limit, Caller caller, KnowledgeBase kb, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return TypedResults.Ok((await kb.ListAsync(ArticleScope.For(caller), status, limit ?? 100, ct)).Select(a => ArticleView.Of(a, now)));
        });
        knowledge.MapGet("/search", async (string? q, int? limit, Caller caller, KnowledgeBase kb, CancellationToken ct) =>
            TypedResults.Ok((await kb.SearchAsync(q, limit ?? 10, ArticleScope.For(caller), ct)).Select(ArticleHitView.Of)));
        knowledge.MapGet("/use", UseAsync).RequireAuthorization(AccountsFeature.AgentPolicy);
        knowledge.MapPost("/", async (ArticleInput input, Caller caller, KnowledgeBase kb, TimeProvider clock, CancellationToken ct) =>
            Done(await kb.CreateAsync(caller, input, ct), clock, created: true)).RequireAuthorization(AccountsFeature.AgentPolicy);
        knowledge.MapGet("/{id:int}", async (int id, Caller caller, KnowledgeBase kb, TimeProvider clock, CancellationToken ct) =>
            await kb.FindAsync(id, ArticleScope.For(caller), ct) is { } article
                ? Results.Ok(ArticleView.Of(article, clock.GetUtcNow().UtcDateTime))
                : NotFound(id));
        knowledge.MapPut("/{id:int}", async (int id, ArticleInput input, Caller caller, KnowledgeBase kb, TimeProvider clock, CancellationToken ct) =>
            Done(await kb.SaveAsync(caller, id, input, ct), clock)).RequireAuthorization(AccountsFeature.AgentPolicy);
        knowledge.MapPost("/{id:int}/publish", async (int id, Caller caller, KnowledgeBase kb, TimeProvider clock, CancellationToken ct) =>
            Done(await kb.MoveAsync(caller, id, ArticleStatus.Published, ct), clock)).RequireAuthorization(AccountsFeature.AgentPolicy);
        knowledge.MapPost("/{id:int}/retire", async (int id, Caller caller, KnowledgeBase kb, TimeProvider clock, CancellationToken ct) =>
            Done(await kb.MoveAsync(caller, id, ArticleStatus.Retired, ct), clock)).RequireAuthorization(AccountsFeature.AgentPolicy);
        knowledge.MapGet("/{id:int}/versions", async (int id, KnowledgeBase kb, CancellationToken ct) =>
        {
            var versions = await kb.VersionsAsync(id, ct);
            return versions.Count == 0 ? NotFound(id)
                : Results.Ok(versions.Select(v => new VersionView(v.Number, v.Title, v.Body, v.AuthorId, v.Author?.DisplayName, v.At, v.Note)));
        }).RequireAuthorization(AccountsFeature.AgentPolicy);
        knowledge.MapGet("/{id:int}/feedback", async (int id, KnowledgeBase kb, CancellationToken ct) =>
            TypedResults.Ok((await kb.FeedbackAsync(id, ct)).Select(f => new FeedbackView(f.Helpful, f.Comment, f.ArticleVersion, f.At))))
            .RequireAuthorization(AccountsFeature.AgentPolicy);
        knowledge.MapPost("/{id:int}/feedback", async (int id, FeedbackInput input, Caller caller, KnowledgeBase kb, CancellationToken ct) =>
        {
            var given = await kb.AddFeedbackAsync(caller, id, input, ct);
            return given.IsDone ? Results.Ok(new FeedbackView(given.Value!.Helpful, given.Value.Comment, given.Value.ArticleVersion, given.Value.At)) : given.ToProblem();
        });
    }

    private static async Task<IResult> UseAsync(ArticleStatus? status, KnowledgeBase kb, SuggestionLog suggestions, CancellationToken ct) =>
        TypedResults.Ok((await kb.UseAsync(suggestions, status, 1000, ct)).Select(u => new ArticleUseView(
            u.Article.Id, u.Article.Title, u.Article.Status, u.Feedback.Helpful, u.Feedback.NotHelpful, u.Suggestions.Suggested, u.Suggestions.Opened, u.Suggestions.Deflected)));

    private static IResult Done(Outcome<KnowledgeArticle> outcome, TimeProvider clock, bool created = false)
    {
        if (!outcome.IsDone)
        {
            return outcome.ToProblem();
        }
        var view = ArticleView.Of(outcome.Value!, clock.GetUtcNow().UtcDateTime);
        return created ? Results.Created($"/api/v1/knowledge/{view.Id}", view) : Results.Ok(view);
    }

    private static IResult NotFound(int id) =>
        TypedResults.Problem(title: "Not found", detail: $"There is no article {id} you can read.", statusCode: StatusCodes.Status404NotFound);
}
