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
    private readonly IReadOnlyList<ITicketCreationHook> hooks;
    private readonly TimeProvider clock;
    private readonly ILogger<TicketIntake> logger;
    private readonly Channel<Arrival> arrivals = System.Threading.Channels.Channel.CreateUnbounded<Arrival>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;

    public TicketIntake(IDbContextFactory<FrontlineDb> databases, IEnumerable<ITicketCreationHook> hooks, TimeProvider clock, ILogger<TicketIntake> logger)
    {
        this.databases = databases;
        this.hooks = [.. hooks];
        this.clock = clock;
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
        var tickets = batch.Select(a => a.Ticket).ToList();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            // A try that failed handed out numbers and ids that rolled back with it, and left its rows tracked.
            db.ChangeTracker.Clear();
            tickets.ForEach(t => (t.Number, t.Id) = ("", 0));
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Priority is decided here, from the matrix as it stands at commit: one read per batch, not one per creation.
            var matrix = await TicketDesk.LoadPriorityMatrixAsync(db, CancellationToken.None);
            tickets.ForEach(t => t.Priority = matrix.Decide(t.Impact, t.Urgency));
            // Numbers first: on SQLite that write takes the lock the ids rely on.
            await TicketNumbers.AssignAsync(db, tickets, CancellationToken.None);
            await TicketRows.InsertAsync(db, tickets, CancellationToken.None);
            foreach (var arrival in batch)
            {
                if (arrival.BeforeCommit is { } beforeCommit)
                {
                    await beforeCommit(db, arrival.Ticket);
                }
            }
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var hook in hooks)
            {
                hook.Creating(db, tickets, now);
            }
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        });
    }

    public async ValueTask DisposeAsync()
    {
        arrivals.Writer.TryComplete();
        await writer;
    }
}
