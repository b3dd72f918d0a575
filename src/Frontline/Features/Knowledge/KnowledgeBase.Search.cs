using Frontline.Data;
using Frontline.Domain.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Knowledge;

/// <summary>
/// One article found by a search. <see cref="TitleMarked"/> and <see cref="Snippet"/> carry the matched
/// words between <see cref="SearchText.MatchStart"/> and <see cref="SearchText.MatchEnd"/>; show them with <see cref="Highlight"/>.
/// </summary>
public sealed record ArticleHit(int Id, string Title, string TitleMarked, string Snippet, ArticleStatus Status, ArticleAudience Audience, double Score);

public sealed partial class KnowledgeBase
{
    public const int MaxResults = 50;

    /// <summary>
    /// Ranked full-text search (FTS5 bm25 on SQLite, ts_rank_cd on PostgreSQL; the title weighs more than
    /// the body). Any text is safe: it is reduced to plain words first. No words, no results.
    /// </summary>
    /// <param name="asTyped">The last word may be unfinished (suggestions while typing): match it as a prefix too.</param>
    public async Task<IReadOnlyList<ArticleHit>> SearchAsync(string? text, int limit, ArticleScope scope, CancellationToken cancellationToken, bool asTyped = false)
    {
        var terms = SearchText.Terms(text);
        if (terms.Count == 0)
        {
            return [];
        }
        var take = Math.Clamp(limit, 1, MaxResults);
        var rows = db.Provider == DatabaseProvider.Postgres
            ? await SearchPostgresAsync(terms, take, scope, asTyped, cancellationToken)
            : await SearchSqliteAsync(terms, take, scope, asTyped, cancellationToken);
        return rows.Select(r => new ArticleHit(r.Id, r.Title, r.TitleMarked, r.Snippet,
            Enum.Parse<ArticleStatus>(r.Status), Enum.Parse<ArticleAudience>(r.Audience), r.Score)).ToList();
    }

    private async Task<List<SearchRow>> SearchSqliteAsync(IReadOnlyList<string> terms, int take, ArticleScope scope, bool asTyped, CancellationToken cancellationToken)
    {
        var match = SearchText.ToFts5(terms, asTyped);
        int publishedOnly = scope.PublishedOnly ? 1 : 0, requestersOnly = scope.RequestersOnly ? 1 : 0;
        string start = SearchText.MatchStart.ToString(), end = SearchText.MatchEnd.ToString();
        // bm25 is lower for better matches; the title column weighs 8 times the body.
        return await db.Database.SqlQuery<SearchRow>($"""
            SELECT a."Id", a."Title", a."Status", a."Audience",
                   highlight("KnowledgeSearch", 0, {start}, {end}) AS "TitleMarked",
                   snippet("KnowledgeSearch", 1, {start}, {end}, '…', 24) AS "Snippet",
                   -bm25("KnowledgeSearch", 8.0, 1.0) AS "Score"
            FROM "KnowledgeSearch" JOIN "KnowledgeArticles" a ON a."Id" = "KnowledgeSearch".rowid
            WHERE "KnowledgeSearch" MATCH {match}
              AND ({publishedOnly} = 0 OR a."Status" = 'Published')
              AND ({requestersOnly} = 0 OR a."Audience" = 'Requesters')
            ORDER BY bm25("KnowledgeSearch", 8.0, 1.0)
            LIMIT {take}
            """).ToListAsync(cancellationToken);
    }

    private async Task<List<SearchRow>> SearchPostgresAsync(IReadOnlyList<string> terms, int take, ArticleScope scope, bool asTyped, CancellationToken cancellationToken)
    {
        var words = SearchText.ToWebSearch(terms);
        var prefix = asTyped ? SearchText.ToPrefixQuery(terms) : "";
        var titleOptions = $"HighlightAll=true, StartSel={SearchText.MatchStart}, StopSel={SearchText.MatchEnd}";
        var snippetOptions = $"MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=\" … \", StartSel={SearchText.MatchStart}, StopSel={SearchText.MatchEnd}";
        // Rank and cut first, then build headlines for the few rows shown: ts_headline re-parses the text.
        return await db.Database.SqlQuery<SearchRow>($"""
            WITH q AS (
                SELECT websearch_to_tsquery('english', {words})
                       || CASE WHEN {prefix} = '' THEN ''::tsquery ELSE to_tsquery('english', {prefix}) END AS query),
            ranked AS (
                SELECT a."Id", a."Title", a."Body", a."Status", a."Audience", ts_rank_cd(a."SearchVector", q.query)::double precision AS "Score", q.query
                FROM "KnowledgeArticles" a, q
                WHERE a."SearchVector" @@ q.query
                  AND (NOT {scope.PublishedOnly} OR a."Status" = 'Published')
                  AND (NOT {scope.RequestersOnly} OR a."Audience" = 'Requesters')
                ORDER BY "Score" DESC, a."Id"
                LIMIT {take})
            SELECT r."Id", r."Title", r."Status", r."Audience", r."Score",
                   ts_headline('english', r."Title", r.query, {titleOptions}) AS "TitleMarked",
                   ts_headline('english', r."Body", r.query, {snippetOptions}) AS "Snippet"
            FROM ranked r
            ORDER BY r."Score" DESC, r."Id"
            """).ToListAsync(cancellationToken);
    }

    private sealed record SearchRow(int Id, string Title, string TitleMarked, string Snippet, string Status, string Audience, double Score);
}
