using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Data;

/// <summary>
/// Hands out the next human number of a kind inside the caller's transaction. PostgreSQL sequences never
/// block concurrent creators (a rolled-back creation leaves a gap, as in ServiceNow); SQLite has one writer
/// at a time anyway, so a counter row costs nothing there.
/// </summary>
public static class TicketNumbers
{
    public static string SequenceName(TicketKind kind) => "ticket_number_" + kind.ToString().ToLowerInvariant();

    // The sequence names are built from the TicketKind enum, never from input, so raw SQL is safe here.
#pragma warning disable EF1002
    /// <summary>Numbers the tickets that have none yet: one range per kind, so one round trip per kind however many there are.</summary>
    public static async Task AssignAsync(FrontlineDb db, IEnumerable<Ticket> tickets, CancellationToken cancellationToken)
    {
        foreach (var kind in tickets.Where(t => t.Number.Length == 0).GroupBy(t => t.Kind).ToList())
        {
            foreach (var (ticket, number) in kind.Zip(await NextAsync(db, kind.Key, kind.Count(), cancellationToken)))
            {
                ticket.Number = number;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> numbers of a kind in one round trip, for a batch of creations.</summary>
    public static async Task<IReadOnlyList<string>> NextAsync(FrontlineDb db, TicketKind kind, int count, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The count is a parameter, so every batch size shares one statement (and one prepared plan).
            var values = await db.Database
                .SqlQueryRaw<long>($"SELECT nextval('\"{SequenceName(kind)}\"') AS \"Value\" FROM generate_series(1, {{0}})", count)
                .ToListAsync(cancellationToken);
            return values.Order().Select(v => TicketNumber.Format(kind, v)).ToList();
        }
        var last = await db.Database
            .SqlQuery<long>($"""
                INSERT INTO "NumberSequences" ("Kind", "Last") VALUES ({(int)kind}, {count})
                ON CONFLICT ("Kind") DO UPDATE SET "Last" = "Last" + {count}
                RETURNING "Last" AS "Value"
                """)
            .AsAsyncEnumerable()
            .SingleAsync(cancellationToken);
        return Enumerable.Range(1, count).Select(i => TicketNumber.Format(kind, last - count + i)).ToList();
    }

    /// <summary>Moves the counter past numbers that arrived from elsewhere (an import), so new tickets never collide.</summary>
    public static async Task EnsureBeyondAsync(FrontlineDb db, TicketKind kind, long highest, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval('\"{SequenceName(kind)}\"', GREATEST({highest}, (SELECT last_value FROM \"{SequenceName(kind)}\")))",
                cancellationToken);
            return;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "NumberSequences" ("Kind", "Last") VALUES ({(int)kind}, {highest})
            ON CONFLICT ("Kind") DO UPDATE SET "Last" = max("Last", {highest})
            """, cancellationToken);
    }
#pragma warning restore EF1002
}
