using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Knowledge;

/// <summary>What an author sends when writing or editing an article; missing fields keep their value on an edit.</summary>
public sealed record ArticleInput(
    string? Title,
    string? Body,
    string? Note = null,
    ArticleAudience? Audience = null,
    int? ServiceId = null,
    int? CategoryId = null,
    DateTime? ReviewBy = null,
    int? Version = null);

/// <summary>
/// The articles one reader may find. Requesters read published articles written for them; the desk
/// also reads agents-only ones; authors (any agent) also see drafts and retired articles.
/// </summary>
public sealed record ArticleScope(bool PublishedOnly, bool RequestersOnly)
{
    public static readonly ArticleScope Requester = new(true, true);

    public static readonly ArticleScope Desk = new(true, false);

    public static readonly ArticleScope Everything = new(false, false);

    public static ArticleScope For(Caller caller) => caller.IsAgent ? Everything : Requester;
}

/// <summary>
/// The knowledge base: articles written, versioned, published and found. Every save appends a version
/// in the same commit as the article's new text, and the database keeps the full-text index in step.
/// </summary>
public sealed partial class KnowledgeBase(FrontlineDb db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A new draft, version 1, owned by <paramref name="ownerId"/> (who also authors the first version).</summary>
    public async Task<Outcome<KnowledgeArticle>> CreateDraftAsync(string title, string markdown, Guid ownerId, CancellationToken cancellationToken,
        ArticleAudience audience = ArticleAudience.Requesters, int? serviceId = null, int? categoryId = null, string note = "Drafted")
    {
        var text = ArticleRules.Check(title, markdown, note);
        if (!text.IsOk)
        {
            return Outcome<KnowledgeArticle>.Invalid(text.Field!, text.Error!);
        }
        var refused = await CheckReferencesAsync(serviceId, categoryId, cancellationToken);
        if (refused is not null)
        {
            return refused.Value;
        }
        var now = Now;
        var article = new KnowledgeArticle
        {
            Title = text.Value.Title,
            Body = text.Value.Body,
            Status = ArticleStatus.Draft,
            Audience = audience,
            OwnerId = ownerId,
            ServiceId = serviceId,
            CategoryId = categoryId,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        article.Versions.Add(new KnowledgeArticleVersion { Number = 1, Title = article.Title, Body = article.Body, AuthorId = ownerId, At = now, Note = text.Value.Note });
        db.KnowledgeArticles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    /// <summary>An agent's new article; the author owns it.</summary>
    public async Task<Outcome<KnowledgeArticle>> CreateAsync(Caller caller, ArticleInput input, CancellationToken cancellationToken) =>
        !caller.IsAgent
            ? Outcome<KnowledgeArticle>.Forbidden("Only the desk writes knowledge articles.")
            : await CreateDraftAsync(input.Title ?? "", input.Body ?? "", caller.Id, cancellationToken,
                input.Audience ?? ArticleAudience.Requesters, input.ServiceId, input.CategoryId, input.Note ?? "Drafted");

    /// <summary>The article if the reader's scope lets them see it; otherwise nothing, so a requester learns nothing of drafts.</summary>
    public async Task<KnowledgeArticle?> FindAsync(int id, ArticleScope scope, CancellationToken cancellationToken) =>
        await Visible(db.KnowledgeArticles.AsNoTracking(), scope)
            .Include(a => a.Owner)
            .Include(a => a.Service)
            .Include(a => a.Category)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>Saves the edit as a new version; refused with a conflict if someone saved since <see cref="ArticleInput.Version"/>.</summary>
    public async Task<Outcome<KnowledgeArticle>> SaveAsync(Caller caller, int id, ArticleInput input, CancellationToken cancellationToken)
    {
        var loaded = await LoadForChangeAsync(caller, id, cancellationToken);
        if (!loaded.IsDone)
        {
            return loaded;
        }
        var article = loaded.Value!;
        if (input.Version is null)
        {
            return Outcome<KnowledgeArticle>.Invalid("version", "Send the version you edited, so a concurrent edit is not lost.");
        }
        if (input.Version != article.Version)
        {
            return Outcome<KnowledgeArticle>.Conflict($"The article was saved by someone else meanwhile (now version {article.Version}); reload it and edit again.");
        }
        var text = ArticleRules.Check(input.Title ?? article.Title, input.Body ?? article.Body, input.Note);
        if (!text.IsOk)
        {
            return Outcome<KnowledgeArticle>.Invalid(text.Field!, text.Error!);
        }
        var refused = await CheckReferencesAsync(input.ServiceId, input.CategoryId, cancellationToken);
        if (refused is not null)
        {
            return refused.Value;
        }
        var now = Now;
        article.Title = text.Value.Title;
        article.Body = text.Value.Body;
        article.Audience = input.Audience ?? article.Audience;
        article.ServiceId = input.ServiceId ?? article.ServiceId;
        article.CategoryId = input.CategoryId ?? article.CategoryId;
        article.ReviewBy = input.ReviewBy?.ToUniversalTime() ?? article.ReviewBy;
        article.Version++;
        article.UpdatedAt = now;
        db.KnowledgeArticleVersions.Add(new KnowledgeArticleVersion
        {
            ArticleId = article.Id, Number = article.Version, Title = article.Title, Body = article.Body, AuthorId = caller.Id, At = now, Note = text.Value.Note,
        });
        return await CommitAsync(article, cancellationToken);
    }

    /// <summary>Publishes or retires; publishing sets a review date if the article has none ahead.</summary>
    public async Task<Outcome<KnowledgeArticle>> MoveAsync(Caller caller, int id, ArticleStatus to, CancellationToken cancellationToken)
    {
        var loaded = await LoadForChangeAsync(caller, id, cancellationToken);
        if (!loaded.IsDone)
        {
            return loaded;
        }
        var article = loaded.Value!;
        var moved = ArticleRules.Move(article.Status, to);
        if (!moved.IsOk)
        {
            return Outcome<KnowledgeArticle>.Conflict(moved.Error!);
        }
        var now = Now;
        article.Status = to;
        article.UpdatedAt = now;
        if (to == ArticleStatus.Published)
        {
            article.PublishedAt = now;
            article.ReviewBy = ArticleRules.ReviewDateOnPublish(article.ReviewBy, now);
        }
        return await CommitAsync(article, cancellationToken);
    }

    public async Task<IReadOnlyList<KnowledgeArticleVersion>> VersionsAsync(int id, CancellationToken cancellationToken) =>
        await db.KnowledgeArticleVersions.AsNoTracking()
            .Where(v => v.ArticleId == id)
            .Include(v => v.Author)
            .OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);

    private async Task<Outcome<KnowledgeArticle>> LoadForChangeAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        if (!caller.IsAgent)
        {
            return Outcome<KnowledgeArticle>.Forbidden("Only the desk edits, publishes or retires knowledge articles.");
        }
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return article is null ? Outcome<KnowledgeArticle>.NotFound($"There is no article {id}.") : article;
    }

    private async Task<Outcome<KnowledgeArticle>> CommitAsync(KnowledgeArticle article, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return article;
        }
        catch (DbUpdateException)
        {
            // Two saves of the same version raced: the version check or the unique version number kept the first.
            return Outcome<KnowledgeArticle>.Conflict("The article was saved by someone else meanwhile; reload it and edit again.");
        }
    }

    private async Task<Outcome<KnowledgeArticle>?> CheckReferencesAsync(int? serviceId, int? categoryId, CancellationToken cancellationToken)
    {
        if (serviceId is { } service && !await db.Services.AnyAsync(s => s.Id == service, cancellationToken))
        {
            return Outcome<KnowledgeArticle>.Invalid("serviceId", $"There is no service {service}.");
        }
        if (categoryId is { } category && !await db.Categories.AnyAsync(c => c.Id == category, cancellationToken))
        {
            return Outcome<KnowledgeArticle>.Invalid("categoryId", $"There is no category {category}.");
        }
        return null;
    }

    internal static IQueryable<KnowledgeArticle> Visible(IQueryable<KnowledgeArticle> articles, ArticleScope scope) =>
        articles
            .Where(a => !scope.PublishedOnly || a.Status == ArticleStatus.Published)
            .Where(a => !scope.RequestersOnly || a.Audience == ArticleAudience.Requesters);
}
