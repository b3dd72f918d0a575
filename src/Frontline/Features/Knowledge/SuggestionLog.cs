using Frontline.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Frontline.Features.Knowledge;

public sealed class KnowledgeOptions
{
    /// <summary>How long after opening a suggested article a ticket from the same form still means it did not help.</summary>
    public TimeSpan DeflectionWindow { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>How often an article was offered while requesters typed, opened from there, and spared a ticket.</summary>
public sealed record DeflectionCounts(int Suggested, int Opened, int Deflected);

/// <summary>
/// What happens around the suggestions in the portal's new-ticket form, one session per form. An
/// article opened from the suggestions, with no ticket submitted from that form within the window,
/// counts as one deflected ticket once the window has passed.
/// </summary>
public sealed class SuggestionLog(FrontlineDb db, TimeProvider clock, IOptions<KnowledgeOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Records the articles offered; an article offered again in the same session is not counted twice.</summary>
    public async Task SuggestedAsync(Guid sessionId, Guid requesterId, IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        var known = await db.SuggestionEvents
            .Where(e => e.SessionId == sessionId && e.Kind == SuggestionEventKind.Suggested && articleIds.Contains(e.ArticleId!.Value))
            .Select(e => e.ArticleId!.Value)
            .ToListAsync(cancellationToken);
        var now = Now;
        db.SuggestionEvents.AddRange(articleIds.Except(known).Select(id => new SuggestionEvent
        {
            SessionId = sessionId, Kind = SuggestionEventKind.Suggested, ArticleId = id, RequesterId = requesterId, At = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task OpenedAsync(Guid sessionId, Guid requesterId, int articleId, CancellationToken cancellationToken)
    {
        var now = Now;
        db.SuggestionEvents.Add(new SuggestionEvent
        {
            SessionId = sessionId, Kind = SuggestionEventKind.Opened, ArticleId = articleId, RequesterId = requesterId, At = now,
            DecidedAt = now + options.Value.DeflectionWindow,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SubmittedAsync(Guid sessionId, Guid requesterId, long ticketId, CancellationToken cancellationToken)
    {
        db.SuggestionEvents.Add(new SuggestionEvent { SessionId = sessionId, Kind = SuggestionEventKind.Submitted, TicketId = ticketId, RequesterId = requesterId, At = Now });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Counts per article, each session counted once: offered, opened, and deflected (decided ones only).</summary>
    public async Task<IReadOnlyDictionary<int, DeflectionCounts>> CountsAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var events = db.SuggestionEvents.AsNoTracking();
        var suggested = await SessionsPerArticleAsync(events.Where(e => e.Kind == SuggestionEventKind.Suggested), cancellationToken);
        var opened = await SessionsPerArticleAsync(events.Where(e => e.Kind == SuggestionEventKind.Opened), cancellationToken);
        var deflected = await SessionsPerArticleAsync(
            events.Where(o => o.Kind == SuggestionEventKind.Opened && o.DecidedAt <= now
                && !events.Any(s => s.SessionId == o.SessionId && s.Kind == SuggestionEventKind.Submitted && s.At <= o.DecidedAt)),
            cancellationToken);
        return suggested.Keys.Union(opened.Keys).ToDictionary(
            id => id,
            id => new DeflectionCounts(suggested.GetValueOrDefault(id), opened.GetValueOrDefault(id), deflected.GetValueOrDefault(id)));
    }

    private static async Task<Dictionary<int, int>> SessionsPerArticleAsync(IQueryable<SuggestionEvent> events, CancellationToken cancellationToken) =>
        await events
            .Select(e => new { ArticleId = e.ArticleId!.Value, e.SessionId })
            .Distinct()
            .GroupBy(e => e.ArticleId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
