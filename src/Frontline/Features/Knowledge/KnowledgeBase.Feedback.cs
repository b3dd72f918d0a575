using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Knowledge;

public sealed record FeedbackInput(bool? Helpful, string? Comment);

/// <summary>Readers' answers to "was this helpful?" for one article.</summary>
public sealed record FeedbackSummary(int Helpful, int NotHelpful);

/// <summary>An article with what readers made of it: feedback, and what the portal's suggestions did.</summary>
public sealed record ArticleUse(KnowledgeArticle Article, FeedbackSummary Feedback, DeflectionCounts Suggestions);

public sealed partial class KnowledgeBase
{
    public async Task<IReadOnlyList<ArticleUse>> UseAsync(SuggestionLog suggestions, ArticleStatus? status, int limit, CancellationToken cancellationToken)
    {
        var articles = await ListAsync(ArticleScope.Everything, status, limit, cancellationToken);
        var feedback = await FeedbackSummariesAsync(cancellationToken);
        var counts = await suggestions.CountsAsync(cancellationToken);
        return articles.Select(a => new ArticleUse(a, feedback.GetValueOrDefault(a.Id) ?? new(0, 0), counts.GetValueOrDefault(a.Id) ?? new(0, 0, 0))).ToList();
    }

    /// <summary>A reader's answer; answering again replaces their earlier one, so each reader counts once.</summary>
    public async Task<Outcome<KnowledgeFeedback>> AddFeedbackAsync(Caller caller, int id, FeedbackInput input, CancellationToken cancellationToken)
    {
        var article = await FindAsync(id, ArticleScope.For(caller), cancellationToken);
        if (article is null || article.Status != ArticleStatus.Published)
        {
            return Outcome<KnowledgeFeedback>.NotFound($"There is no published article {id} you can read.");
        }
        if (input.Helpful is not { } helpful)
        {
            return Outcome<KnowledgeFeedback>.Invalid("helpful", "Say whether the article helped: true or false.");
        }
        var comment = SearchText.Clean(input.Comment).Trim();
        if (comment.Length > ArticleRules.CommentMaxLength)
        {
            return Outcome<KnowledgeFeedback>.Invalid("comment", $"Keep the comment under {ArticleRules.CommentMaxLength} characters.");
        }
        var feedback = await db.KnowledgeFeedback.SingleOrDefaultAsync(f => f.ArticleId == id && f.ReaderId == caller.Id, cancellationToken);
        if (feedback is null)
        {
            feedback = new KnowledgeFeedback { ArticleId = id, ReaderId = caller.Id };
            db.KnowledgeFeedback.Add(feedback);
        }
        feedback.ArticleVersion = article.Version;
        feedback.Helpful = helpful;
        feedback.Comment = comment;
        feedback.At = Now;
        await db.SaveChangesAsync(cancellationToken);
        return feedback;
    }

    public async Task<IReadOnlyList<KnowledgeFeedback>> FeedbackAsync(int id, CancellationToken cancellationToken) =>
        await db.KnowledgeFeedback.AsNoTracking().Where(f => f.ArticleId == id).OrderByDescending(f => f.At).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<int, FeedbackSummary>> FeedbackSummariesAsync(CancellationToken cancellationToken) =>
        await db.KnowledgeFeedback.AsNoTracking()
            .GroupBy(f => f.ArticleId)
            .Select(g => new { g.Key, Helpful = g.Count(f => f.Helpful), NotHelpful = g.Count(f => !f.Helpful) })
            .ToDictionaryAsync(g => g.Key, g => new FeedbackSummary(g.Helpful, g.NotHelpful), cancellationToken);

    /// <summary>The articles a reader may see, newest change first, optionally of one status.</summary>
    public async Task<IReadOnlyList<KnowledgeArticle>> ListAsync(ArticleScope scope, ArticleStatus? status, int limit, CancellationToken cancellationToken) =>
        await Visible(db.KnowledgeArticles.AsNoTracking(), scope)
            .Where(a => status == null || a.Status == status)
            .Include(a => a.Owner)
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);
}
