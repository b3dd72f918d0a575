using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Frontline.Data;

/// <summary>
/// The full-text index of knowledge articles, one per provider, both kept in step by the database
/// itself so no write path (EF, ExecuteUpdate, a script) can leave it stale.
/// PostgreSQL: a stored tsvector column (title weighted above body) with a GIN index.
/// SQLite: an external-content FTS5 table over the articles, maintained by triggers.
/// </summary>
public static class KnowledgeSearchIndex
{
    public const string PostgresColumn = "SearchVector";

    public const string SqliteTable = "KnowledgeSearch";

    public static void ConfigurePostgres(ModelBuilder builder) =>
        builder.Entity<KnowledgeArticle>(article =>
        {
            // A shadow property: the entity stays provider-neutral and only this provider has the column.
            article.Property<NpgsqlTsVector>(PostgresColumn)
                .HasComputedColumnSql("""setweight(to_tsvector('english', coalesce("Title", '')), 'A') || setweight(to_tsvector('english', coalesce("Body", '')), 'B')""", stored: true);
            article.HasIndex(PostgresColumn).HasMethod("GIN");
        });

    /// <summary>Run by the SQLite migration: EF Core does not model virtual tables or triggers.</summary>
    public const string CreateSqlite = """
        CREATE VIRTUAL TABLE "KnowledgeSearch" USING fts5("Title", "Body", content='KnowledgeArticles', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER "KnowledgeArticles_search_insert" AFTER INSERT ON "KnowledgeArticles" BEGIN
            INSERT INTO "KnowledgeSearch"(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
        END;
        CREATE TRIGGER "KnowledgeArticles_search_delete" AFTER DELETE ON "KnowledgeArticles" BEGIN
            INSERT INTO "KnowledgeSearch"("KnowledgeSearch", rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
        END;
        CREATE TRIGGER "KnowledgeArticles_search_update" AFTER UPDATE OF "Title", "Body" ON "KnowledgeArticles" BEGIN
            INSERT INTO "KnowledgeSearch"("KnowledgeSearch", rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
            INSERT INTO "KnowledgeSearch"(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
        END;
        """;

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS "KnowledgeArticles_search_update";
        DROP TRIGGER IF EXISTS "KnowledgeArticles_search_delete";
        DROP TRIGGER IF EXISTS "KnowledgeArticles_search_insert";
        DROP TABLE IF EXISTS "KnowledgeSearch";
        """;
}
