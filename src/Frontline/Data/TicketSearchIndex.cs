using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Frontline.Data;

/// <summary>
/// The full-text index of tickets' title and description behind the queue's q= search, one per provider, both
/// kept in step by the database itself so no write path (EF, ExecuteUpdate, the bulk generator's COPY) can
/// leave it stale. PostgreSQL: a stored tsvector column with a GIN index. SQLite: an external-content FTS5
/// table over the tickets, maintained by triggers. A LIKE '%word%' scan read every ticket of a large desk.
/// </summary>
public static class TicketSearchIndex
{
    public const string PostgresColumn = "SearchVector";

    public const string PostgresIndex = "IX_Tickets_SearchVector";

    public const string SqliteTable = "TicketSearch";

    /// <summary>The configuration both the column and the queries use: English stemming and stop words.</summary>
    public const string PostgresConfiguration = "english";

    public static void ConfigurePostgres(ModelBuilder builder) =>
        builder.Entity<Ticket>(ticket =>
        {
            // Punctuation becomes a space first, so the document splits into the same runs of letters and digits a
            // search is reduced to (SearchText.Terms): the default parser keeps "vpn-gw01" or an e-mail address whole.
            ticket.Property<NpgsqlTsVector>(PostgresColumn)
                .HasComputedColumnSql("""to_tsvector('english', regexp_replace(coalesce("Title", '') || ' ' || coalesce("Description", ''), '[^[:alnum:]]+', ' ', 'g'))""", stored: true);
            ticket.HasIndex(PostgresColumn).HasMethod("GIN").HasDatabaseName(PostgresIndex);
        });

    /// <summary>
    /// Run by the PostgreSQL migration. With the default statistics the planner guessed 0.16 % of tickets for any word
    /// it had not sampled, so a word found nowhere walked the whole table newest first hoping to fill a page (3.8 s at
    /// a million tickets); sampling more words makes it estimate rare words as rare and take the GIN index (5-90 ms).
    /// </summary>
    public const string TunePostgres = """ALTER TABLE "Tickets" ALTER COLUMN "SearchVector" SET STATISTICS 1000;""";

    public const string UntunePostgres = """ALTER TABLE "Tickets" ALTER COLUMN "SearchVector" SET STATISTICS -1;""";

    /// <summary>Run by the SQLite migration (EF Core does not model virtual tables or triggers); 'rebuild' indexes a desk that already has tickets.</summary>
    public const string CreateSqlite = """
        CREATE VIRTUAL TABLE "TicketSearch" USING fts5("Title", "Description", content='Tickets', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER "Tickets_search_insert" AFTER INSERT ON "Tickets" BEGIN
            INSERT INTO "TicketSearch"(rowid, "Title", "Description") VALUES (new."Id", new."Title", new."Description");
        END;
        CREATE TRIGGER "Tickets_search_delete" AFTER DELETE ON "Tickets" BEGIN
            INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description") VALUES ('delete', old."Id", old."Title", old."Description");
        END;
        CREATE TRIGGER "Tickets_search_update" AFTER UPDATE OF "Title", "Description" ON "Tickets" BEGIN
            INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description") VALUES ('delete', old."Id", old."Title", old."Description");
            INSERT INTO "TicketSearch"(rowid, "Title", "Description") VALUES (new."Id", new."Title", new."Description");
        END;
        INSERT INTO "TicketSearch"("TicketSearch") VALUES ('rebuild');
        """;

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS "Tickets_search_update";
        DROP TRIGGER IF EXISTS "Tickets_search_delete";
        DROP TRIGGER IF EXISTS "Tickets_search_insert";
        DROP TABLE IF EXISTS "TicketSearch";
        """;
}
