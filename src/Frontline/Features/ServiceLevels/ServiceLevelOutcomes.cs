using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Frontline.Features.ServiceLevels;

/// <summary>
/// Keeps each finished ticket's SLA outcome stored, so dashboards read a row per ticket instead of replaying every
/// clock. The replay stays the truth: an outcome is the replay's answer written down, and one that no longer matches
/// the ticket's version or the SLA settings is ignored by readers and written again by <see cref="FillMissingAsync"/>.
/// </summary>
public sealed class ServiceLevelOutcomes(FrontlineDb db, ServiceLevelSetup setup, TimeProvider clock, ILogger<ServiceLevelOutcomes> logger)
{
    /// <summary>Tickets looked at per query while filling; each batch commits on its own, so a pass can stop anywhere.</summary>
    private const int Scan = 2000;

    private const int Batch = 500;

    /// <summary>One key for the whole desk: "FLSLO" in ASCII.</summary>
    private const long PassLock = 0x464C534C4F;

    /// <summary>A ticket in one of these has stopped every clock; until it is reopened its outcome cannot change.</summary>
    internal static readonly TicketStatus[] Ended = [TicketStatus.Resolved, TicketStatus.Closed, TicketStatus.Cancelled];

    /// <summary>
    /// Writes the outcome of every finished ticket that has none (imported, generated in bulk, written before outcomes
    /// were kept) or an out-of-date one, in batches that each commit. Idempotent; on PostgreSQL one node runs a pass at
    /// a time, and a row another writer got to first only makes this batch wait for the next pass.
    /// </summary>
    /// <returns>How many outcomes were written.</returns>
    public Task<int> FillMissingAsync(CancellationToken cancellationToken) =>
        NodeLocks.RunAloneAsync(db, PassLock, () => FillAllAsync(cancellationToken), cancellationToken);

    private async Task<int> FillAllAsync(CancellationToken cancellationToken)
    {
        var policies = setup.SlaFingerprint;
        var (written, after) = (0, 0L);
        while (true)
        {
            // The version is read before the history, so a change in between leaves a row that names the older version
            // and is taken for out of date, never a newer version over older history.
            var scanned = await db.Tickets.AsNoTracking()
                .Where(t => t.Id > after)
                .OrderBy(t => t.Id)
                .Take(Scan)
                .Select(t => new
                {
                    t.Id,
                    t.Version,
                    Missing = Ended.Contains(t.Status) && !db.ServiceLevelOutcomes.Any(o => o.TicketId == t.Id && o.TicketVersion == t.Version && o.Policies == policies),
                })
                .ToListAsync(cancellationToken);
            if (scanned.Count == 0)
            {
                return written;
            }
            after = scanned[^1].Id;
            foreach (var chunk in scanned.Where(t => t.Missing).Chunk(Batch))
            {
                written += await WriteAsync(chunk.ToDictionary(t => t.Id, t => t.Version), cancellationToken);
            }
        }
    }

    private async Task<int> WriteAsync(Dictionary<long, int> versions, CancellationToken cancellationToken)
    {
        var outcomes = await ComputeAsync(db, setup, clock, versions, [], new Dictionary<long, Ticket>(), cancellationToken);
        await StoreAsync(db, outcomes, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return outcomes.Count;
        }
        catch (DbUpdateException e)
        {
            // Another node or the ticket's own change wrote one of these rows meanwhile; the next pass sees the truth.
            logger.LogDebug(e, "Service level outcomes collided with another writer; left for the next pass");
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The outcomes of the given tickets at the given versions, from their history as the unit of work would leave it.</summary>
    internal static async Task<List<ServiceLevelOutcome>> ComputeAsync(
        FrontlineDb db, ServiceLevelSetup setup, TimeProvider clock, IReadOnlyDictionary<long, int> versions,
        IReadOnlyList<TicketEvent> unsaved, IReadOnlyDictionary<long, Ticket> tracked, CancellationToken cancellationToken)
    {
        var levels = new TicketServiceLevels(db, clock, setup.Policies);
        var histories = await levels.HistoriesAsync(versions.Keys.ToList(), unsaved, tracked, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return histories.Select(h =>
        {
            // Every clock of a finished ticket has stopped, so asking at any later instant gives this same answer.
            var clocks = TicketClocks.Evaluate(h.Value.Facts, setup.Policies, h.Value.LastAt > now ? h.Value.LastAt : now);
            return Of(h.Key, versions[h.Key], setup.SlaFingerprint, h.Value, clocks);
        }).ToList();
    }

    /// <summary>Adds the outcomes to the unit of work, replacing whatever rows the tickets had.</summary>
    internal static async Task StoreAsync(FrontlineDb db, List<ServiceLevelOutcome> outcomes, CancellationToken cancellationToken)
    {
        var ids = outcomes.Select(o => o.TicketId).ToList();
        var existing = await db.ServiceLevelOutcomes.Where(o => ids.Contains(o.TicketId)).ToDictionaryAsync(o => o.TicketId, cancellationToken);
        foreach (var outcome in outcomes)
        {
            if (existing.TryGetValue(outcome.TicketId, out var row))
            {
                db.Entry(row).CurrentValues.SetValues(outcome);
            }
            else
            {
                db.ServiceLevelOutcomes.Add(outcome);
            }
        }
    }

    /// <summary>What the experience dashboard reads of a ticket's SLA, the same way from a stored row and from a replay.</summary>
    public static (bool SlaMet, double PausedMinutes) Judge(IReadOnlyList<ClockReport> clocks)
    {
        var sla = clocks.Where(c => c.Scope.Agreement == Agreement.Sla).ToList();
        return (!sla.Any(c => c.State.IsBreached), sla.Where(c => c.Kind == TargetKind.Resolution).Select(c => c.State.PausedTotal.TotalMinutes).FirstOrDefault());
    }

    private static ServiceLevelOutcome Of(long ticketId, int version, string policies, TicketServiceLevels.ClockHistory history, IReadOnlyList<ClockReport> clocks)
    {
        var (met, paused) = Judge(clocks);
        var response = clocks.FirstOrDefault(c => c.Scope.Agreement == Agreement.Sla && c.Kind == TargetKind.FirstResponse);
        var resolution = clocks.FirstOrDefault(c => c.Scope.Agreement == Agreement.Sla && c.Kind == TargetKind.Resolution);
        return new ServiceLevelOutcome
        {
            TicketId = ticketId,
            TicketVersion = version,
            Policies = policies,
            SlaMet = met,
            Response = response?.State.Status,
            ResponseMinutes = response?.State.Elapsed.TotalMinutes,
            Resolution = resolution?.State.Status,
            ResolutionMinutes = resolution?.State.Elapsed.TotalMinutes,
            ResolutionPausedMinutes = paused,
            Reassignments = history.Reassignments,
            Reopenings = history.Reopenings,
        };
    }
}

/// <summary>
/// Writes a ticket's outcome in the same commit as the change that finishes it (or changes it once finished), and
/// drops it when the ticket is reopened, whichever feature makes the change. Tickets written in bulk (imports, the
/// generator) and changes saved without it are left to <see cref="ServiceLevelOutcomes.FillMissingAsync"/>: the
/// version kept on the row tells readers such a row is out of date.
/// </summary>
public sealed class ServiceLevelOutcomeRecorder(ServiceLevelSetup setup, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is FrontlineDb db)
        {
            await RecordAsync(db, cancellationToken);
        }
        return result;
    }

    private async Task RecordAsync(FrontlineDb db, CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries<Ticket>().Where(t => t.State == EntityState.Modified).ToList();
        if (changed.Count == 0)
        {
            return;
        }
        var finished = changed.Where(t => ServiceLevelOutcomes.Ended.Contains(t.Entity.Status)).ToDictionary(t => t.Entity.Id, t => t.Entity);
        var reopened = changed
            .Where(t => !ServiceLevelOutcomes.Ended.Contains(t.Entity.Status) && ServiceLevelOutcomes.Ended.Contains(t.Property(x => x.Status).OriginalValue))
            .Select(t => t.Entity.Id)
            .ToList();
        if (reopened.Count > 0)
        {
            db.ServiceLevelOutcomes.RemoveRange(await db.ServiceLevelOutcomes.Where(o => reopened.Contains(o.TicketId)).ToListAsync(cancellationToken));
        }
        if (finished.Count > 0)
        {
            var unsaved = db.ChangeTracker.Entries<TicketEvent>()
                .Where(e => e.State == EntityState.Added && finished.ContainsKey(e.Entity.TicketId))
                .Select(e => e.Entity)
                .ToList();
            var versions = finished.ToDictionary(t => t.Key, t => t.Value.Version);
            var outcomes = await ServiceLevelOutcomes.ComputeAsync(db, setup, clock, versions, unsaved, finished, cancellationToken);
            await ServiceLevelOutcomes.StoreAsync(db, outcomes, cancellationToken);
        }
    }
}

/// <summary>Fills missing outcomes on every node at start and then every few minutes (bulk writes can happen while a node runs).</summary>
public sealed class ServiceLevelOutcomeWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ServiceLevelOutcomeWorker> logger)
    : PeriodicWorker(scopes, TimeSpan.FromMinutes(10), clock, logger)
{
    protected override bool RunsAtStart => true;

    // Readers replay what is missing, so a failed pass costs time, not correctness; the next one carries on.
    protected override string RoundFailed => "Service level outcomes could not be filled this round";

    protected override async Task RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var written = await services.GetRequiredService<ServiceLevelOutcomes>().FillMissingAsync(cancellationToken);
        if (written > 0)
        {
            Logger.LogInformation("Stored the service level outcomes of {Count} finished tickets", written);
        }
    }
}
