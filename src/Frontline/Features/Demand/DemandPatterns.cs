using System.Diagnostics;
using Frontline.Data;
using Frontline.Domain.Patterns;
using Frontline.Domain.Tickets;
using Frontline.Features.Triage;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Demand;

public sealed record DiscoverySummary(int RunId, int Tickets, int Patterns, int Kept, int Retired, double Seconds);

/// <summary>
/// Discovers the desk's patterns from its tickets and keeps them (patterns, membership, the model), places
/// newer tickets in the pattern nearest to them, and keeps a pattern's identity across rediscoveries so the
/// actions taken on it keep their measurements.
/// </summary>
public sealed class DemandPatterns(FrontlineDb db, TimeProvider clock)
{
    /// <summary>Recent demand is what a desk acts on; the cap keeps discovery to seconds on two cores.</summary>
    public const int MaxTickets = 100_000;

    /// <summary>A newer ticket this unlike every pattern belongs to none of them.</summary>
    public const float MinSimilarity = 0.2f;

    private const int Batch = 2_000;

    /// <summary>
    /// Guards the current patterns and their members: a discovery rewrites them and holds it alone; a placement or an
    /// action on a pattern only adds to them and holds it shared.
    /// </summary>
    public const long Lock = 0x464C44454D;

    public async Task<DiscoverySummary?> DiscoverAsync(Guid? by, DiscoveryOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var tickets = await LoadAsync(db.Tickets.OrderByDescending(t => t.Id).Take(MaxTickets), cancellationToken);
        if (tickets.Count == 0)
        {
            return null;
        }
        var found = PatternDiscovery.Discover([.. tickets.Select(t => t.Text)], options);
        var vocabulary = PatternVocabulary.Of(tickets.Select(t => t.Title));
        var members = Enumerable.Range(0, found.Patterns).Select(_ => new List<int>()).ToList();
        for (var i = 0; i < tickets.Count; i++)
        {
            members[found.PatternOf[i]].Add(i);
        }
        var through = tickets.Max(t => t.CreatedAt);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The patterns this discovery replaces are read under the lock: another discovery, a placement or an action may
        // have changed them while this one clustered.
        await NodeLocks.HoldForTransactionAsync(db, Lock, exclusive: true, cancellationToken);
        var current = await db.Patterns.Where(p => !p.IsRetired).Select(p => p.Id).ToListAsync(cancellationToken);
        var old = new Dictionary<long, IReadOnlySet<long>>();
        foreach (var id in current)
        {
            old[id] = (await db.PatternMembers.Where(m => m.PatternId == id).Select(m => m.TicketId).ToListAsync(cancellationToken)).ToHashSet();
        }
        var continued = PatternLineage.Match(old, [.. members.Select(m => m.Select(i => tickets[i].Id).ToList())]);
        var run = new PatternDiscoveryRun { At = now, ById = by, Tickets = tickets.Count, Patterns = found.Patterns, PlacedThroughTicketId = tickets.Max(t => t.Id), Model = found.Model.ToBytes() };
        db.PatternDiscoveryRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var kept = continued.OfType<long>().Select(id => (int)id).ToHashSet();
        var acted = await db.Improvements.Where(i => current.Contains(i.PatternId)).Select(i => i.PatternId).Distinct().ToListAsync(cancellationToken);
        var gone = current.Where(id => !kept.Contains(id)).ToList();
        // A pattern with an action on it is retired, not deleted: its before and after stay measurable.
        await db.Patterns.Where(p => gone.Contains(p.Id) && acted.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsRetired, true), cancellationToken);
        await db.Patterns.Where(p => gone.Contains(p.Id) && !acted.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.PatternMembers.Where(m => kept.Contains(m.PatternId)).ExecuteDeleteAsync(cancellationToken);
        var keptPatterns = await db.Patterns.Where(p => kept.Contains(p.Id)).ToDictionaryAsync(p => (long)p.Id, cancellationToken);
        var stored = new List<Pattern>();
        for (var p = 0; p < found.Patterns; p++)
        {
            var pattern = continued[p] is { } id ? keptPatterns[id] : db.Patterns.Add(new Pattern { Label = "", Terms = "", Reason = "" }).Entity;
            Describe(pattern, vocabulary, [.. members[p].Select(i => tickets[i])], through);
            (pattern.RunId, pattern.ModelIndex, pattern.DiscoveredAt) = (run.Id, p, now);
            stored.Add(pattern);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < tickets.Count; i++)
        {
            db.PatternMembers.Add(new PatternMember { PatternId = stored[found.PatternOf[i]].Id, TicketId = tickets[i].Id, Similarity = found.Similarity[i] });
            if (i % Batch == Batch - 1)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        run.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await db.PatternDiscoveryRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Seconds, run.Seconds), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DiscoverySummary(run.Id, tickets.Count, found.Patterns, kept.Count, gone.Count(acted.Contains), run.Seconds);
    }

    private static void Describe(Pattern pattern, PatternVocabulary vocabulary, IReadOnlyList<PatternTicket> members, DateTime through)
    {
        var facts = vocabulary.Describe(members);
        var advice = PatternAdvice.Recommend(facts);
        var trend = WeeklyVolume.TrendOf(WeeklyVolume.Series(members.Select(m => m.CreatedAt), through.AddDays(-7 * WeeklyVolume.TrendWindow), through));
        pattern.Label = facts.Label;
        pattern.Terms = string.Join(", ", facts.Terms);
        pattern.Category = facts.Category?.Value;
        pattern.Service = facts.Service?.Value;
        pattern.ConfigurationItem = facts.ConfigurationItem?.Value;
        pattern.Tickets = facts.Tickets;
        pattern.Incidents = facts.Incidents;
        pattern.Requests = facts.Requests;
        pattern.EffortHours = facts.EffortHours;
        pattern.MedianResolveHours = facts.MedianResolveHours;
        pattern.ReopenRate = facts.ReopenRate;
        pattern.ReassignmentRate = facts.ReassignmentRate;
        pattern.RecentPerWeek = trend.RecentPerWeek;
        pattern.EarlierPerWeek = trend.EarlierPerWeek;
        pattern.SlopePerWeek = trend.SlopePerWeek;
        pattern.Action = advice.Action;
        pattern.Reason = advice.Reason;
    }

    /// <summary>
    /// Places tickets that arrived since the last discovery or placement in their nearest current pattern. Two
    /// nodes placing at once: the watermark moves only if nobody moved it first, so the loser rolls back. A discovery
    /// that committed meanwhile replaced the patterns and placed its tickets itself, so the batch is dropped too.
    /// </summary>
    public async Task PlaceNewTicketsAsync(CancellationToken cancellationToken)
    {
        while (await PlaceBatchAsync(cancellationToken))
        {
        }
    }

    /// <summary>How many tickets arrived since the last discovery or placement; none before the first discovery.</summary>
    public async Task<int> WaitingAsync(CancellationToken cancellationToken)
    {
        var placedThrough = await db.PatternDiscoveryRuns.OrderByDescending(r => r.Id).Select(r => (long?)r.PlacedThroughTicketId).FirstOrDefaultAsync(cancellationToken);
        return placedThrough is { } through ? await db.Tickets.CountAsync(t => t.Id > through && t.Kind != TicketKind.Problem, cancellationToken) : 0;
    }

    private async Task<bool> PlaceBatchAsync(CancellationToken cancellationToken)
    {
        var run = await db.PatternDiscoveryRuns.AsNoTracking().OrderByDescending(r => r.Id).Select(r => new { r.Id, r.PlacedThroughTicketId }).FirstOrDefaultAsync(cancellationToken);
        if (run is null || !await db.Tickets.AnyAsync(t => t.Id > run.PlacedThroughTicketId, cancellationToken))
        {
            return false;
        }
        var model = PatternModel.FromBytes(await db.PatternDiscoveryRuns.Where(r => r.Id == run.Id).Select(r => r.Model).SingleAsync(cancellationToken));
        var patterns = await db.Patterns.Where(p => p.RunId == run.Id && !p.IsRetired).ToDictionaryAsync(p => p.ModelIndex, p => p.Id, cancellationToken);
        var newer = await LoadAsync(db.Tickets.Where(t => t.Id > run.PlacedThroughTicketId).OrderBy(t => t.Id).Take(Batch), cancellationToken);
        var through = newer.Count == 0
            ? await db.Tickets.Where(t => t.Id > run.PlacedThroughTicketId).MaxAsync(t => t.Id, cancellationToken)
            : newer.Max(t => t.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await NodeLocks.HoldForTransactionAsync(db, Lock, exclusive: false, cancellationToken);
        var moved = await db.PatternDiscoveryRuns
            .Where(r => r.Id == run.Id && r.PlacedThroughTicketId == run.PlacedThroughTicketId && !db.PatternDiscoveryRuns.Any(newer => newer.Id > run.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PlacedThroughTicketId, through), cancellationToken);
        if (moved == 0)
        {
            return false;
        }
        foreach (var ticket in newer)
        {
            var (index, similarity) = model.Assign(ticket.Text);
            if (similarity >= MinSimilarity && patterns.TryGetValue(index, out var patternId))
            {
                db.PatternMembers.Add(new PatternMember { PatternId = patternId, TicketId = ticket.Id, Similarity = similarity });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>Problems are the desk's answer to demand, not demand, so they are never part of a pattern.</summary>
    private async Task<List<PatternTicket>> LoadAsync(IQueryable<Ticket> source, CancellationToken cancellationToken)
    {
        var rows = await source.AsNoTracking().Where(t => t.Kind != TicketKind.Problem)
            .Select(t => new
            {
                t.Id, t.Number, t.Title, t.Description, t.Kind, t.CreatedAt, t.ResolvedAt, t.ResolutionNotes, t.ConfigurationItem,
                Category = t.Category == null ? null : t.Category.Parent == null ? t.Category.Name : t.Category.Parent.Name + " / " + t.Category.Name,
                Service = t.Service == null ? null : t.Service.Name,
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var low = ids.Count == 0 ? 0 : ids.Min();
        var high = ids.Count == 0 ? 0 : ids.Max();
        // One pass over the status and group lines of the range rather than a query per ticket.
        var events = (await db.TicketEvents.AsNoTracking()
                .Where(e => e.TicketId >= low && e.TicketId <= high && (e.Field == WorkEvent.StatusField || e.Field == WorkEvent.GroupField))
                .Select(e => new { e.TicketId, e.At, e.Field, e.Before, e.After })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.TicketId, e => new WorkEvent(e.At, e.Field!, e.Before, e.After));
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. rows.Select(r => new PatternTicket(
            r.Id, r.Number, r.Title, r.Kind, r.CreatedAt, r.ResolvedAt, r.ResolutionNotes,
            new PatternText(TriageModels.Text(r.Title, r.Description), r.Category, r.Service, r.ConfigurationItem),
            events.Contains(r.Id) ? TicketWork.Replay(events[r.Id], now) : TicketWork.Untracked))];
    }
}
