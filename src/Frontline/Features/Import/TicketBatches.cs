using Frontline.Data;
using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Import;

/// <summary>
/// Writes imported tickets with their history in batches: one transaction and one fresh context per batch, the rows
/// written untracked, so memory stays flat and a failure loses one batch, never a half-written ticket.
/// </summary>
public static class TicketBatches
{
    public const int Size = 1000;

    /// <summary>Which of the given external references the desk already holds.</summary>
    public static async Task<HashSet<string>> ExistingRefsAsync(IDbContextFactory<FrontlineDb> factory, IReadOnlyCollection<string> refs, CancellationToken cancellationToken) =>
        await ExistingAsync(factory, refs, (db, chunk) => db.Tickets.Where(t => chunk.Contains(t.ExternalRef!)).Select(t => t.ExternalRef!), cancellationToken);

    /// <summary>Which of the given ticket numbers are taken, so an imported number that collides gets a new one.</summary>
    public static async Task<HashSet<string>> TakenNumbersAsync(IDbContextFactory<FrontlineDb> factory, IReadOnlyCollection<string> numbers, CancellationToken cancellationToken) =>
        await ExistingAsync(factory, numbers, (db, chunk) => db.Tickets.Where(t => chunk.Contains(t.Number)).Select(t => t.Number), cancellationToken);

    private static async Task<HashSet<string>> ExistingAsync(IDbContextFactory<FrontlineDb> factory, IReadOnlyCollection<string> keys, Func<FrontlineDb, List<string>, IQueryable<string>> query, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Chunks keep each query under the providers' parameter limits however large the file.
        foreach (var chunk in keys.Chunk(500))
        {
            found.UnionWith(await query(db, [.. chunk]).ToListAsync(cancellationToken));
        }
        return found;
    }

    /// <returns>How many history events were written.</returns>
    /// <remarks>
    /// Each batch goes in as plain rows (<see cref="TicketRows"/>), as ticket creation and the generator write theirs.
    /// </remarks>
    public static async Task<long> WriteAsync(
        IDbContextFactory<FrontlineDb> factory,
        IReadOnlyList<Ticket> tickets,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        long events = 0;
        for (var start = 0; start < tickets.Count; start += Size)
        {
            var batch = tickets.Skip(start).Take(Size).ToList();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Numbers first: on SQLite that write takes the lock the ids rely on.
            await TicketNumbers.AssignAsync(db, batch, cancellationToken);
            await TicketRows.InsertAsync(db, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            events += batch.Sum(t => t.History.Count);
            await progress.WriteLineAsync($"  wrote {Math.Min(start + Size, tickets.Count):N0} of {tickets.Count:N0} tickets");
        }
        return events;
    }

    /// <summary>Moves the number counters past imported numbers, so tickets made afterwards never collide with them.</summary>
    public static async Task ReserveNumbersAsync(IDbContextFactory<FrontlineDb> factory, IEnumerable<string> numbers, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var highest = numbers
            .Select(n => TicketNumber.TryParse(n, out var kind, out var sequence) ? (Ok: true, kind, sequence) : (Ok: false, kind, sequence))
            .Where(n => n.Ok)
            .GroupBy(n => n.kind, n => n.sequence);
        foreach (var kind in highest)
        {
            await TicketNumbers.EnsureBeyondAsync(db, kind.Key, kind.Max(), cancellationToken);
        }
    }
}
