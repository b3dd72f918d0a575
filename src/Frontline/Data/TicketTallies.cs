using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Data;

/// <summary>
/// How many tickets have one group, status, kind and priority: the queue's counts read these few rows instead of
/// counting tickets. An agent's closed tickets with their counts counted ~91,000 index entries at a million tickets
/// (60-93 ms p95 on SQLite, 283-717 ms on PostgreSQL; bench/README.md, 5 December 2026).
/// </summary>
/// <remarks>
/// Kept by the database itself, as <see cref="TicketSearchIndex"/> is, so no write path (EF, ExecuteUpdate, the bulk
/// generator's COPY) can leave them wrong. SQLite has one writer, so its triggers add to one row per key. PostgreSQL
/// commits many transactions at once: adding to shared rows would make each wait for the others on the same row, and
/// two that touch two rows in opposite orders would deadlock, so its triggers only append changes (+n, -1) and
/// <see cref="CompactAsync"/> folds them into one row per key every few seconds. A count is the sum of its key's rows
/// on both.
/// </remarks>
public sealed class TicketTally
{
    /// <summary>The ticket's group, or <see cref="Untriaged"/>: the upsert's key cannot meet a NULL.</summary>
    public int GroupId { get; init; }

    public TicketStatus Status { get; init; }

    public TicketKind Kind { get; init; }

    public Priority Priority { get; init; }

    public long Count { get; init; }

    /// <summary>Tickets without a group (the untriaged queue); group ids start at 1.</summary>
    public const int Untriaged = 0;
}

public static class TicketTallies
{
    public static void Configure(ModelBuilder builder, DatabaseProvider provider) =>
        builder.Entity<TicketTally>(tally =>
        {
            tally.HasNoKey().ToTable("TicketTallies");
            // SQLite's triggers upsert on this key; PostgreSQL keeps several rows per key until they are compacted.
            tally.HasIndex(t => new { t.GroupId, t.Status, t.Kind, t.Priority }).IsUnique(provider == DatabaseProvider.Sqlite);
        });

    /// <summary>Every ticket counted into the tallies: how the migrations start them on a desk that has tickets, and how a recount restarts them.</summary>
    private const string CountTickets = """
        INSERT INTO "TicketTallies" ("GroupId", "Status", "Kind", "Priority", "Count")
        SELECT coalesce("GroupId", 0), "Status", "Kind", "Priority", count(*) FROM "Tickets" GROUP BY 1, 2, 3, 4;
        """;

    /// <summary>Run by the SQLite migration: the triggers, then the counts of a desk that already has tickets.</summary>
    public static readonly string CreateSqlite = $$"""
        CREATE TRIGGER "Tickets_tally_insert" AFTER INSERT ON "Tickets" BEGIN
            {{SqliteAdd("new")}}
        END;
        CREATE TRIGGER "Tickets_tally_delete" AFTER DELETE ON "Tickets" BEGIN
            {{SqliteTakeAway("old")}}
        END;
        CREATE TRIGGER "Tickets_tally_update" AFTER UPDATE OF "GroupId", "Status", "Kind", "Priority" ON "Tickets"
        WHEN old."GroupId" IS NOT new."GroupId" OR old."Status" <> new."Status" OR old."Kind" <> new."Kind" OR old."Priority" <> new."Priority"
        BEGIN
            {{SqliteTakeAway("old")}}
            {{SqliteAdd("new")}}
        END;
        {{CountTickets}}
        """;

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS "Tickets_tally_update";
        DROP TRIGGER IF EXISTS "Tickets_tally_delete";
        DROP TRIGGER IF EXISTS "Tickets_tally_insert";
        """;

    private static string SqliteAdd(string row) => $"""
        INSERT INTO "TicketTallies" ("GroupId", "Status", "Kind", "Priority", "Count")
                VALUES (coalesce({row}."GroupId", 0), {row}."Status", {row}."Kind", {row}."Priority", 1)
                ON CONFLICT ("GroupId", "Status", "Kind", "Priority") DO UPDATE SET "Count" = "Count" + 1;
        """;

    private static string SqliteTakeAway(string row) => $"""
        UPDATE "TicketTallies" SET "Count" = "Count" - 1
                WHERE "GroupId" = coalesce({row}."GroupId", 0) AND "Status" = {row}."Status" AND "Kind" = {row}."Kind" AND "Priority" = {row}."Priority";
        """;

    /// <summary>
    /// Run by the PostgreSQL migration. New tickets are counted once per statement from its transition table (a
    /// batch of creations or the generator's COPY appends one row per key, not one per ticket); an update appends
    /// only when it moves a ticket to another key.
    /// </summary>
    public const string CreatePostgres = $$"""
        CREATE FUNCTION "Tickets_tally_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "TicketTallies" ("GroupId", "Status", "Kind", "Priority", "Count")
            SELECT coalesce("GroupId", 0), "Status", "Kind", "Priority", count(*) FROM added GROUP BY 1, 2, 3, 4;
            RETURN NULL;
        END $$;
        CREATE FUNCTION "Tickets_tally_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "TicketTallies" ("GroupId", "Status", "Kind", "Priority", "Count")
            SELECT coalesce("GroupId", 0), "Status", "Kind", "Priority", -count(*) FROM removed GROUP BY 1, 2, 3, 4;
            RETURN NULL;
        END $$;
        CREATE FUNCTION "Tickets_tally_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "TicketTallies" ("GroupId", "Status", "Kind", "Priority", "Count") VALUES
                (coalesce(OLD."GroupId", 0), OLD."Status", OLD."Kind", OLD."Priority", -1),
                (coalesce(NEW."GroupId", 0), NEW."Status", NEW."Kind", NEW."Priority", 1);
            RETURN NULL;
        END $$;
        CREATE TRIGGER "Tickets_tally_insert" AFTER INSERT ON "Tickets"
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "Tickets_tally_inserted"();
        CREATE TRIGGER "Tickets_tally_delete" AFTER DELETE ON "Tickets"
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "Tickets_tally_deleted"();
        CREATE TRIGGER "Tickets_tally_update" AFTER UPDATE OF "GroupId", "Status", "Kind", "Priority" ON "Tickets" FOR EACH ROW
            WHEN (OLD."GroupId" IS DISTINCT FROM NEW."GroupId" OR OLD."Status" <> NEW."Status" OR OLD."Kind" <> NEW."Kind" OR OLD."Priority" <> NEW."Priority")
            EXECUTE FUNCTION "Tickets_tally_moved"();
        {{CountTickets}}
        """;

    public const string DropPostgres = """
        DROP TRIGGER IF EXISTS "Tickets_tally_update" ON "Tickets";
        DROP TRIGGER IF EXISTS "Tickets_tally_delete" ON "Tickets";
        DROP TRIGGER IF EXISTS "Tickets_tally_insert" ON "Tickets";
        DROP FUNCTION IF EXISTS "Tickets_tally_moved"();
        DROP FUNCTION IF EXISTS "Tickets_tally_deleted"();
        DROP FUNCTION IF EXISTS "Tickets_tally_inserted"();
        """;

    /// <summary>
    /// Folds PostgreSQL's appended changes into one row per key; answers how many folded rows it wrote. One statement, so
    /// readers see the rows before or after, never between. Changes committed after it began are not in its snapshot
    /// and stay for the next round; a second compaction running at once skips the rows the first deleted and does not
    /// see the ones it added, so each change is summed exactly once. SQLite keeps one row per key already.
    /// </summary>
    public static async Task<int> CompactAsync(FrontlineDb db, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return 0;
        }
        return await db.Database.ExecuteSqlRawAsync("""
            WITH folded AS (
                DELETE FROM "TicketTallies"
                WHERE ("GroupId", "Status", "Kind", "Priority") IN
                    (SELECT "GroupId", "Status", "Kind", "Priority" FROM "TicketTallies" GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)
                RETURNING "GroupId", "Status", "Kind", "Priority", "Count")
            INSERT INTO "TicketTallies" ("GroupId", "Status", "Kind", "Priority", "Count")
            SELECT "GroupId", "Status", "Kind", "Priority", sum("Count") FROM folded GROUP BY 1, 2, 3, 4 HAVING sum("Count") <> 0
            """, cancellationToken);
    }

    /// <summary>
    /// Counts the tickets into the tallies afresh and answers the keys whose tally was off, for when the triggers were
    /// bypassed (PostgreSQL's <c>session_replication_role = replica</c> disables them). One transaction; on PostgreSQL
    /// it keeps ticket writes and folds waiting until it commits, and SQLite's writer is alone in it anyway.
    /// </summary>
    public static async Task<TallyRecount> RecountAsync(FrontlineDb db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "Tickets" IN SHARE MODE; LOCK TABLE "TicketTallies" IN EXCLUSIVE MODE;""", cancellationToken);
        }
        var tallied = await SumsAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "TicketTallies";""", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(CountTickets, cancellationToken);
        var counted = await SumsAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var drifts = tallied.Keys.Union(counted.Keys)
            .Select(key => new TallyDrift(key, tallied.GetValueOrDefault(key), counted.GetValueOrDefault(key)))
            .Where(d => d.Tallied != d.Counted)
            .OrderBy(d => d.Key.GroupId).ThenBy(d => d.Key.Status).ThenBy(d => d.Key.Kind).ThenBy(d => d.Key.Priority)
            .ToList();
        return new TallyRecount(counted.Values.Sum(), counted.Count, drifts);
    }

    /// <summary>Each key's tally (the sum of its rows), leaving out keys that sum to nothing.</summary>
    public static async Task<Dictionary<TallyKey, long>> SumsAsync(FrontlineDb db, CancellationToken cancellationToken) =>
        (await db.TicketTallies.AsNoTracking()
            .GroupBy(t => new { t.GroupId, t.Status, t.Kind, t.Priority })
            .Select(g => new { g.Key, Count = g.Sum(t => t.Count) })
            .ToListAsync(cancellationToken))
        .Where(t => t.Count != 0)
        .ToDictionary(t => new TallyKey(t.Key.GroupId, t.Key.Status, t.Key.Kind, t.Key.Priority), t => t.Count);
}

public sealed record TallyKey(int GroupId, TicketStatus Status, TicketKind Kind, Priority Priority);

/// <summary>A key whose tally said <see cref="Tallied"/> tickets where the tickets themselves numbered <see cref="Counted"/>.</summary>
public sealed record TallyDrift(TallyKey Key, long Tallied, long Counted);

public sealed record TallyRecount(long Tickets, int Keys, IReadOnlyList<TallyDrift> Drifts);
