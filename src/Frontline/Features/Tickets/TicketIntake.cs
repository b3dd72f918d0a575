using System.Threading.Channels;
using Frontline.Data;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Tickets;

/// <summary>
/// Commits new tickets, group commit style: creations that arrive together wait for one writer, which
/// numbers them and writes them all in one transaction, then answers each. A commit (and with
/// <c>--sqlite-sync full</c> its fsync) is paid once per batch instead of once per ticket, and SQLite's
/// writers no longer queue on its lock. Durability is unchanged: nobody hears "created" before the commit.
/// </summary>
public sealed class TicketIntake : IAsyncDisposable
{
    /// <summary>Enough to amortise a commit, small enough that one batch's transaction stays short.</summary>
    private const int MostPerCommit = 128;

    private readonly IDbContextFactory<FrontlineDb> databases;
    private readonly ILogger<TicketIntake> logger;
    private readonly Channel<Arrival> arrivals = System.Threading.Channels.Channel.CreateUnbounded<Arrival>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;

    public TicketIntake(IDbContextFactory<FrontlineDb> databases, ILogger<TicketIntake> logger)
    {
        this.databases = databases;
        this.logger = logger;
        writer = Task.Run(WriteAsync);
    }

    /// <param name="beforeCommit">Writes what must commit with the ticket (an idempotency record) into the same transaction.</param>
    private sealed record Arrival(Ticket Ticket, Func<FrontlineDb, Ticket, Task>? BeforeCommit)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Numbers and stores the ticket with its tags, watchers and history; returns once it is committed.</summary>
    public async Task CommitAsync(Ticket ticket, Func<FrontlineDb, Ticket, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        var arrival = new Arrival(ticket, beforeCommit);
        await arrivals.Writer.WriteAsync(arrival, cancellationToken);
        // Not cancellable once queued: the creation may be committing, and the caller must learn whether it did.
        await arrival.Committed.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Arrival>(MostPerCommit);
        while (await arrivals.Reader.WaitToReadAsync())
        {
            while (batch.Count < MostPerCommit && arrivals.Reader.TryRead(out var arrival))
            {
                batch.Add(arrival);
            }
            try
            {
                await CommitBatchAsync(batch);
                batch.ForEach(a => a.Committed.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One bad creation (say, two requests racing with one idempotency key) must not fail its neighbours:
                // each is tried alone, and only the bad one hears why.
                foreach (var arrival in batch)
                {
                    await CommitAloneAsync(arrival);
                }
            }
            catch (Exception e)
            {
                batch[0].Committed.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task CommitAloneAsync(Arrival arrival)
    {
        try
        {
            Unsaved(arrival.Ticket);
            await CommitBatchAsync([arrival]);
            arrival.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "A ticket creation failed to commit.");
            arrival.Committed.TrySetException(e);
        }
    }

    private async Task CommitBatchAsync(IReadOnlyList<Arrival> batch)
    {
        await using var db = await databases.CreateDbContextAsync();
        // The writer only adds rows, each through Add, so scanning every tracked row for edits on each save is wasted.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Priority is decided here, from the matrix as it stands at commit: one read per batch, not one per creation.
            var matrix = await TicketDesk.LoadPriorityMatrixAsync(db, CancellationToken.None);
            foreach (var arrival in batch)
            {
                arrival.Ticket.Priority = matrix.Decide(arrival.Ticket.Impact, arrival.Ticket.Urgency);
            }
            foreach (var kind in batch.GroupBy(a => a.Ticket.Kind))
            {
                foreach (var (arrival, number) in kind.Zip(await TicketNumbers.NextAsync(db, kind.Key, kind.Count(), CancellationToken.None)))
                {
                    arrival.Ticket.Number = number;
                }
            }
            db.Tickets.AddRange(batch.Select(a => a.Ticket));
            await db.SaveChangesAsync();
            var hooked = false;
            foreach (var arrival in batch)
            {
                if (arrival.BeforeCommit is { } beforeCommit)
                {
                    await beforeCommit(db, arrival.Ticket);
                    hooked = true;
                }
            }
            if (hooked)
            {
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        });
    }

    /// <summary>A failed batch may have handed out ids; the ticket is inserted afresh, so it forgets them.</summary>
    private static void Unsaved(Ticket ticket)
    {
        ticket.Id = 0;
        ticket.History.ForEach(e => (e.Id, e.TicketId) = (0, 0));
        ticket.Tags.ForEach(t => t.TicketId = 0);
        ticket.Watchers.ForEach(w => w.TicketId = 0);
    }

    public async ValueTask DisposeAsync()
    {
        arrivals.Writer.TryComplete();
        await writer;
    }
}
