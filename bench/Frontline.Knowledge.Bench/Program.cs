using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frontline.Benchmarks;
using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Features.Import;
using Frontline.Features.Knowledge;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Knowledge search latency over N articles made from the labelled IT tickets, on SQLite (FTS5) and, when
// FRONTLINE_BENCH_POSTGRES is set, PostgreSQL (tsvector + GIN). Queries are the first words of held-out
// tickets, searched as the portal does while a requester types. Prints a Markdown table.
// Usage: dotnet run --project bench/Frontline.Knowledge.Bench -c Release [-- --articles 10000] [--queries 1000] [FILE]
var arguments = new BenchArguments(args);
var articleCount = arguments.Take("--articles") is { } articles ? int.Parse(articles, CultureInfo.InvariantCulture) : 10_000;
var queryCount = arguments.Take("--queries") is { } asked ? int.Parse(asked, CultureInfo.InvariantCulture) : 1000;
var file = arguments.Rest ?? Frontline.Import.Tests.SharedData.File("it_tickets_topics.csv.gz");

var tickets = new List<(string Text, string Topic)>();
using (var reader = new StreamReader(CsvRecords.Open(file), Encoding.UTF8))
{
    tickets.AddRange(CsvRecords.Read(reader, _ => { }).Select(r => (r.Fields[0], r.Fields[1])));
}
if (tickets.Count < articleCount + queryCount)
{
    throw new InvalidOperationException($"{file} has {tickets.Count} tickets; {articleCount} articles and {queryCount} queries need more.");
}
var random = new Random(42);
var queries = tickets.Skip(articleCount).OrderBy(_ => random.Next()).Take(queryCount)
    .Select(t => string.Join(' ', t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6))).ToList();

Console.WriteLine($"{articleCount:N0} articles from {Path.GetFileName(file)}, {queryCount:N0} queries (first 6 words of held-out tickets, last word as a prefix), 5 results each.");
Console.WriteLine();
Console.WriteLine("| database | articles | load s | queries | p50 ms | p95 ms | p99 ms | mean ms | queries with a hit |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

var sqlitePath = Path.Combine(Path.GetTempPath(), $"frontline-knowledge-bench-{Environment.ProcessId}.db");
try
{
    await RunAsync("SQLite (FTS5)", () => new SqliteFrontlineDb(new DbContextOptionsBuilder<SqliteFrontlineDb>().UseSqlite($"Data Source={sqlitePath}").Options));
}
finally
{
    SqliteConnection.ClearAllPools();
    foreach (var leftover in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(sqlitePath) + "*"))
    {
        File.Delete(leftover);
    }
}
if (Environment.GetEnvironmentVariable("FRONTLINE_BENCH_POSTGRES") is { Length: > 0 } server)
{
    var admin = DatabaseOptions.From(server, Path.GetTempPath(), SqliteSync.Normal).ConnectionString;
    var name = $"frontline_knowledge_bench_{Environment.ProcessId}";
    await ExecuteAsync(admin, $"CREATE DATABASE {name}");
    try
    {
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        await RunAsync("PostgreSQL (tsvector)", () => new PostgresFrontlineDb(new DbContextOptionsBuilder<PostgresFrontlineDb>().UseNpgsql(connection).Options));
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(admin, $"DROP DATABASE {name}");
    }
}

async Task RunAsync(string label, Func<FrontlineDb> open)
{
    var loading = Stopwatch.StartNew();
    await using (var db = open())
    {
        await db.Database.MigrateAsync();
        var owner = new User { Id = Guid.NewGuid(), UserName = "bench", DisplayName = "Bench", CreatedAt = DateTime.UtcNow };
        db.Users.Add(owner);
        await db.SaveChangesAsync();
        await LoadArticlesAsync(db, owner.Id);
    }
    loading.Stop();

    await using var search = open();
    var knowledge = new KnowledgeBase(search, TimeProvider.System);
    foreach (var warm in queries.Take(50))
    {
        await knowledge.SearchAsync(warm, 5, ArticleScope.Requester, CancellationToken.None, asTyped: true);
    }
    var times = new List<double>(queries.Count);
    var withHit = 0;
    foreach (var query in queries)
    {
        var started = Stopwatch.GetTimestamp();
        var hits = await knowledge.SearchAsync(query, 5, ArticleScope.Requester, CancellationToken.None, asTyped: true);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        withHit += hits.Count > 0 ? 1 : 0;
    }
    times.Sort();
    double At(double share) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(share * times.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {articleCount:N0} | {loading.Elapsed.TotalSeconds:F1} | {queries.Count:N0} | {At(0.50):F2} | {At(0.95):F2} | {At(0.99):F2} | {times.Average():F2} | {100.0 * withHit / queries.Count:F1} % |"));
}

async Task LoadArticlesAsync(FrontlineDb db, Guid ownerId)
{
    var now = DateTime.UtcNow;
    foreach (var batch in tickets.Take(articleCount).Chunk(1000))
    {
        foreach (var (text, topic) in batch)
        {
            var title = $"{topic}: {string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))}";
            var article = new KnowledgeArticle
            {
                Title = title[..Math.Min(title.Length, ArticleRules.TitleMaxLength)], Body = text, Status = ArticleStatus.Published,
                Audience = ArticleAudience.Requesters, OwnerId = ownerId, Version = 1, CreatedAt = now, UpdatedAt = now, PublishedAt = now,
            };
            article.Versions.Add(new KnowledgeArticleVersion { Number = 1, Title = article.Title, Body = text, AuthorId = ownerId, At = now });
            db.KnowledgeArticles.Add(article);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
