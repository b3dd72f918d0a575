using System.Globalization;
using System.Text;
using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Frontline.Features.Tickets;

public enum TicketSort
{
    NewestFirst,
    OldestFirst,
    RecentlyUpdated,
    PriorityFirst,
}

/// <summary>A queue or search: filters, an order, and where the last page ended.</summary>
public sealed record TicketFilter(
    IReadOnlyList<TicketStatus> Statuses,
    TicketKind? Kind = null,
    int? GroupId = null,
    Guid? OwnerId = null,
    bool Unowned = false,
    Guid? RequesterId = null,
    IReadOnlyList<Priority>? Priorities = null,
    string? Tag = null,
    string? Text = null,
    TicketSort Sort = TicketSort.NewestFirst,
    int Limit = 50,
    string? Cursor = null)
{
    public const int MaxLimit = 200;

    public static readonly IReadOnlyList<TicketStatus> Open = [TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Pending];

    /// <summary>Reads the query-string form ("status=open&amp;owner=me&amp;sort=priority"), the same one saved views keep.</summary>
    public static Outcome<TicketFilter> Parse(Caller caller, string? status, string? kind, int? group, string? owner, Guid? requester, string? priority, string? tag, string? q, string? sort, int? limit, string? cursor)
    {
        var statuses = new List<TicketStatus>();
        foreach (var word in Words(status))
        {
            if (word.Equals("open", StringComparison.OrdinalIgnoreCase))
            {
                statuses.AddRange(Open);
            }
            else if (Enum.TryParse<TicketStatus>(word, ignoreCase: true, out var s) && Enum.IsDefined(s))
            {
                statuses.Add(s);
            }
            else
            {
                return Outcome<TicketFilter>.Invalid("status", $"\"{word}\" is not a status: use open, new, assigned, inProgress, pending, resolved, closed or cancelled.");
            }
        }
        TicketKind? parsedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (!Enum.TryParse<TicketKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k))
            {
                return Outcome<TicketFilter>.Invalid("kind", "Kind is incident, request or problem.");
            }
            parsedKind = k;
        }
        Guid? ownerId = null;
        var unowned = false;
        switch (owner?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "me":
                ownerId = caller.Id;
                break;
            case "none":
                unowned = true;
                break;
            default:
                if (!Guid.TryParse(owner, out var o))
                {
                    return Outcome<TicketFilter>.Invalid("owner", "Owner is me, none, or a person's id.");
                }
                ownerId = o;
                break;
        }
        var priorities = new List<Priority>();
        foreach (var word in Words(priority))
        {
            if (!Enum.TryParse<Priority>(word, ignoreCase: true, out var p) || !Enum.IsDefined(p))
            {
                return Outcome<TicketFilter>.Invalid("priority", $"\"{word}\" is not a priority: use P1 to P5.");
            }
            priorities.Add(p);
        }
        TicketSort order;
        switch (sort?.Trim().ToLowerInvariant())
        {
            case null or "" or "-created":
                order = TicketSort.NewestFirst;
                break;
            case "created":
                order = TicketSort.OldestFirst;
                break;
            case "-updated" or "updated":
                order = TicketSort.RecentlyUpdated;
                break;
            case "priority":
                order = TicketSort.PriorityFirst;
                break;
            default:
                return Outcome<TicketFilter>.Invalid("sort", "Sort is -created (newest first), created, -updated or priority.");
        }
        if (limit is < 1 or > MaxLimit)
        {
            return Outcome<TicketFilter>.Invalid("limit", $"Limit is 1 to {MaxLimit}.");
        }
        if (cursor is not null && !TicketSearch.IsValidCursor(cursor))
        {
            return Outcome<TicketFilter>.Invalid("cursor", "The cursor is not one this server gave out; start again without it.");
        }
        var text = q?.Trim();
        if (text is { Length: > 200 })
        {
            return Outcome<TicketFilter>.Invalid("q", "Keep the search under 200 characters.");
        }
        return new TicketFilter(statuses, parsedKind, group, ownerId, unowned, requester, priorities, tag?.Trim().ToLowerInvariant(), string.IsNullOrEmpty(text) ? null : text, order, limit ?? 50, cursor);
    }

    /// <summary>Whether nothing but statuses and q= narrows the filter.</summary>
    public bool IsNarrowedOnlyByStatusAndText =>
        Kind is null && GroupId is null && OwnerId is null && !Unowned && RequesterId is null && Priorities is not { Count: > 0 } && Tag is not { Length: > 0 };

    /// <summary>
    /// Whether the ticket tallies (<see cref="TicketTally"/>) can count this filter: they know each ticket's group,
    /// status, kind and priority, nothing else. Group 0 is the tallies' name for no group, never a group asked for.
    /// </summary>
    public bool IsTallied => Text is null && OwnerId is null && !Unowned && RequesterId is null && Tag is null && GroupId is not TicketTally.Untriaged;

    private static IEnumerable<string> Words(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? NextCursor);

public sealed record StatusCount(TicketStatus Status, int Count);

public sealed record TicketCounts(int Total, IReadOnlyList<StatusCount> ByStatus);

public static class TicketSearch
{
    public static IQueryable<Ticket> Matching(this IQueryable<Ticket> tickets, TicketFilter filter, FrontlineDb db)
    {
        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses;
            tickets = tickets.Where(t => statuses.Contains(t.Status));
        }
        if (filter.Kind is { } kind)
        {
            tickets = tickets.Where(t => t.Kind == kind);
        }
        if (filter.GroupId is { } group)
        {
            tickets = tickets.Where(t => t.GroupId == group);
        }
        if (filter.OwnerId is { } owner)
        {
            tickets = tickets.Where(t => t.OwnerId == owner);
        }
        if (filter.Unowned)
        {
            tickets = tickets.Where(t => t.OwnerId == null);
        }
        if (filter.RequesterId is { } requester)
        {
            tickets = tickets.Where(t => t.RequesterId == requester);
        }
        if (filter.Priorities is { Count: > 0 } priorities)
        {
            tickets = tickets.Where(t => priorities.Contains(t.Priority));
        }
        if (filter.Tag is { Length: > 0 } tag)
        {
            tickets = tickets.Where(t => t.Tags.Any(x => x.Tag == tag));
        }
        if (filter.Text is { } text)
        {
            tickets = tickets.Containing(text, db);
        }
        return tickets;
    }

    /// <summary>
    /// q= as a queue reads it: a ticket number finds that ticket; otherwise every word typed must start a word of the
    /// title or description ("print" finds "printer"), through the full-text index (<see cref="TicketSearchIndex"/>).
    /// The words are reduced as knowledge search reduces them (<see cref="SearchText.Terms"/>), so quotes, *, NEAR,
    /// -, :, parentheses or SQL in the text are never syntax. Text with no word left (only punctuation, stop words or
    /// single letters) is looked for literally, by a scan, as it is rare and an index of words cannot find it.
    /// </summary>
    private static IQueryable<Ticket> Containing(this IQueryable<Ticket> tickets, string text, FrontlineDb db)
    {
        if (TicketNumber.TryParse(text, out _, out _))
        {
            var number = text.ToUpperInvariant();
            return tickets.Where(t => t.Number == number);
        }
        var terms = SearchText.Terms(text);
        if (terms.Count == 0)
        {
            // Parameters, never concatenated SQL; the user's % and _ are escaped, not wildcards.
            var pattern = LikePattern.Containing(text);
            return db.Provider == DatabaseProvider.Postgres
                ? tickets.Where(t => EF.Functions.ILike(t.Title, pattern, LikePattern.Escape) || EF.Functions.ILike(t.Description, pattern, LikePattern.Escape))
                : tickets.Where(t => EF.Functions.Like(t.Title, pattern, LikePattern.Escape) || EF.Functions.Like(t.Description, pattern, LikePattern.Escape));
        }
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var query = SearchText.ToPrefixTsQuery(terms);
            return tickets.Where(t => EF.Property<NpgsqlTsVector>(t, TicketSearchIndex.PostgresColumn).Matches(EF.Functions.ToTsQuery(TicketSearchIndex.PostgresConfiguration, query)));
        }
        var match = SearchText.ToFts5Prefixes(terms);
        var found = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "TicketSearch" WHERE "TicketSearch" MATCH {match}""");
        return tickets.Where(t => found.Contains(t.Id));
    }

    /// <summary>The FTS5 query q= becomes on SQLite when it is words (not a ticket number, not text with no word in it).</summary>
    private static string? Fts5Match(string text) =>
        !TicketNumber.TryParse(text, out _, out _) && SearchText.Terms(text) is { Count: > 0 } terms ? SearchText.ToFts5Prefixes(terms) : null;

    /// <summary>Keyset pagination: a page costs the same on the first and the ten-thousandth page.</summary>
    /// <param name="db">Where the page's rows are read once their ids are chosen: the ids already passed every filter, and
    /// repeating the filters there made SQLite read each of the ~8,000 tickets a search word matches instead of 51.</param>
    public static async Task<TicketPage> PageAsync(this IQueryable<Ticket> tickets, TicketFilter filter, FrontlineDb db, CancellationToken cancellationToken)
    {
        var after = filter.Cursor is null ? null : Cursor.Decode(filter.Cursor);
        var candidates = after is { } a ? filter.Sort switch
        {
            TicketSort.OldestFirst => tickets.Where(t => t.Id > a.Id),
            TicketSort.RecentlyUpdated => tickets.Where(t => t.UpdatedAt < new DateTime(a.Key, DateTimeKind.Utc) || (t.UpdatedAt == new DateTime(a.Key, DateTimeKind.Utc) && t.Id < a.Id)),
            TicketSort.PriorityFirst => tickets.Where(t => (int)t.Priority > a.Key || ((int)t.Priority == a.Key && t.Id < a.Id)),
            _ => tickets.Where(t => t.Id < a.Id),
        } : tickets;
        // The page's ids are chosen first, from the indexes alone; only those rows are then read and joined to
        // names. Sorting whole rows joined to four tables cost that for every open ticket of a large desk.
        var page = InOrder(candidates, filter.Sort).Take(filter.Limit + 1).Select(t => t.Id);
        var rows = await InOrder(db.Tickets.AsNoTracking().Where(t => page.Contains(t.Id)), filter.Sort)
            .Summaries()
            .ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > filter.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            var key = filter.Sort switch
            {
                TicketSort.RecentlyUpdated => last.UpdatedAt.Ticks,
                TicketSort.PriorityFirst => (long)last.Priority,
                _ => 0,
            };
            next = Cursor.Encode(key, last.Id);
        }
        return new TicketPage(rows, next);
    }

    private static IOrderedQueryable<Ticket> InOrder(IQueryable<Ticket> tickets, TicketSort sort) => sort switch
    {
        TicketSort.OldestFirst => tickets.OrderBy(t => t.Id),
        TicketSort.RecentlyUpdated => tickets.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id),
        TicketSort.PriorityFirst => tickets.OrderBy(t => t.Priority).ThenByDescending(t => t.Id),
        _ => tickets.OrderByDescending(t => t.Id),
    };

    /// <summary>
    /// The filter's tickets the caller sees, per status asked for. Where the tallies can answer (a manager, or an
    /// agent's untriaged queue and groups, filtered by nothing but status, kind, group and priority) they are read
    /// instead of the tickets; the rest is one grouped count per visible part (<see cref="TicketAccess.VisibleParts"/>),
    /// each from an index leading on status (or group, status).
    /// </summary>
    /// <remarks>
    /// Beside a word search that asks for finished tickets too, the statuses are left out of the query and picked from
    /// the grouped counts instead. Finished tickets are nearly all of a grown desk, so "status in (…, closed)" chose
    /// the status index and walked it through every closed ticket, probing each against the words' matches (113 ms of
    /// CPU at a million tickets for 8,190 matches); counting the matches alone reads only those rows.
    /// </remarks>
    public static async Task<TicketCounts> CountByStatusAsync(this IQueryable<Ticket> tickets, Caller caller, TicketFilter filter, FrontlineDb db, CancellationToken cancellationToken)
    {
        IQueryable<StatusTotal> counted;
        var closedIsTheRest = false;
        if (filter.IsTallied && (caller.IsManager || caller.IsAgent))
        {
            var tallied = Tallied(caller, filter, db);
            counted = caller.IsManager ? tallied : tickets.OutsideTheirGroups(caller, filter, db).Select(ByStatus).Aggregate(tallied, Queryable.Concat);
        }
        else if (AllWordMatches(caller, filter, db) is { } allMatches)
        {
            var notClosed = filter with { Statuses = [.. Enum.GetValues<TicketStatus>().Where(s => s != TicketStatus.Closed)] };
            counted = ByStatus(tickets.Matching(notClosed, db)).Concat(allMatches);
            closedIsTheRest = true;
        }
        else
        {
            var fromMatches = filter.Text is not null && filter.Statuses.Any(s => s is TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Cancelled);
            counted = tickets.VisibleParts(caller, fromMatches ? filter with { Statuses = [] } : filter, db).Select(ByStatus).Aggregate(Queryable.Concat);
        }
        var rows = await counted.ToListAsync(cancellationToken);
        if (closedIsTheRest)
        {
            // The Closed row holds every match; what the other statuses do not hold is closed.
            var others = rows.Where(c => c.Status != TicketStatus.Closed).Sum(c => c.Count);
            rows = [.. rows.Select(c => c.Status == TicketStatus.Closed ? new StatusTotal { Status = c.Status, Count = c.Count - others } : c)];
        }
        var byStatus = filter.Statuses.Distinct().Select(s => new StatusCount(s, rows.Where(c => c.Status == s).Sum(c => c.Count))).ToList();
        return new TicketCounts(byStatus.Sum(c => c.Count), byStatus);
    }

    /// <summary>
    /// On SQLite, how many tickets a manager's word search matches, as one row under Closed, read from the word index
    /// alone, when the search asks for closed tickets and is filtered by nothing but words and statuses; otherwise null.
    /// Closed tickets are then counted as the matches no other status holds: the other statuses' tickets are few, and
    /// their matches come from the status index, where counting closed matches read each matching ticket's row (8,121
    /// rows, 43 ms alone, for "printer" at a million tickets). One statement reads both, so they agree.
    /// </summary>
    private static IQueryable<StatusTotal>? AllWordMatches(Caller caller, TicketFilter filter, FrontlineDb db)
    {
        if (db.Provider != DatabaseProvider.Sqlite || !caller.IsManager || !filter.Statuses.Contains(TicketStatus.Closed)
            || !filter.IsNarrowedOnlyByStatusAndText
            || Fts5Match(filter.Text!) is not { } match)
        {
            return null;
        }
        return db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "TicketSearch" WHERE "TicketSearch" MATCH {match}""")
            .Select(count => new StatusTotal { Status = TicketStatus.Closed, Count = count });
    }

    /// <summary>One part's count per status; set by its members, as EF Core cannot join constructor projections with UNION ALL.</summary>
    private sealed class StatusTotal
    {
        public TicketStatus Status { get; init; }

        public int Count { get; init; }
    }

    private static IQueryable<StatusTotal> ByStatus(IQueryable<Ticket> part) =>
        part.GroupBy(t => t.Status).Select(g => new StatusTotal { Status = g.Key, Count = g.Count() });

    /// <summary>The tallied tickets of the untriaged queue and the caller's groups (a manager's: every group) the filter keeps.</summary>
    private static IQueryable<StatusTotal> Tallied(Caller caller, TicketFilter filter, FrontlineDb db)
    {
        var tallies = db.TicketTallies.AsQueryable();
        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses;
            tallies = tallies.Where(t => statuses.Contains(t.Status));
        }
        if (filter.Kind is { } kind)
        {
            tallies = tallies.Where(t => t.Kind == kind);
        }
        if (filter.Priorities is { Count: > 0 } priorities)
        {
            tallies = tallies.Where(t => priorities.Contains(t.Priority));
        }
        if (filter.GroupId is { } group)
        {
            tallies = tallies.Where(t => t.GroupId == group);
        }
        if (!caller.IsManager)
        {
            List<int> seen = [TicketTally.Untriaged, .. caller.GroupIds];
            tallies = tallies.Where(t => seen.Contains(t.GroupId));
        }
        return tallies.GroupBy(t => t.Status).Select(g => new StatusTotal { Status = g.Key, Count = (int)g.Sum(t => t.Count) });
    }

    private static class Cursor
    {
        public static string Encode(long key, long id) =>
            Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key}:{id}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (long Key, long Id)? Decode(string cursor)
        {
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
                return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var key) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id)
                    ? (key, id)
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    internal static bool IsValidCursor(string cursor) => Cursor.Decode(cursor) is not null;
}
