using Frontline.Data;
using Frontline.Domain.Patterns;
using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Demand;

/// <summary>What was done about a pattern and how its weekly volume moved since (the action's own week counts on neither side).</summary>
public sealed record ActionTaken(int Id, int PatternId, string PatternLabel, PatternAction Action, string Description, DateTime StartedAt, string Owner, double BaselinePerWeek, double? AfterPerWeek, int WeeksAfter, double? Change, string? ProblemNumber, int? ArticleId);

public sealed record PatternSummary(
    int Id, string Label, string Terms, string? Category, string? Service, string? ConfigurationItem,
    int Tickets, int Incidents, int Requests, double EffortHours, double? MedianResolveHours, double ReopenRate, double ReassignmentRate,
    double RecentPerWeek, double EarlierPerWeek, double SlopePerWeek, PatternAction Action, string Reason, bool IsRetired, DateTime DiscoveredAt);

public sealed record PatternExample(string Number, string Title, TicketKind Kind, TicketStatus Status, DateTime CreatedAt, float Similarity);

public sealed record PatternDetail(PatternSummary Pattern, IReadOnlyList<WeekCount> Weeks, IReadOnlyList<PatternExample> Examples, IReadOnlyList<ActionTaken> Actions);

/// <summary>"What are we solving again and again?": patterns by effort, the actions taken and their outcome, and where knowledge is missing.</summary>
/// <remarks><paramref name="WaitingTickets"/>: tickets that arrived since the placement worker's last round and are in no pattern yet.</remarks>
public sealed record DemandReport(DateTime? DiscoveredAt, int Tickets, double EffortHours, IReadOnlyList<PatternSummary> Patterns, IReadOnlyList<ActionTaken> Actions, IReadOnlyList<PatternSummary> KnowledgeGaps, int WaitingTickets);

/// <summary>
/// The reads behind the demand API and pages. They only read: <see cref="DemandPlacementWorker"/> places new tickets,
/// so a read after a bulk import costs the same as any other.
/// </summary>
public sealed class DemandInsights(FrontlineDb db, DemandPatterns patterns, TimeProvider clock)
{
    /// <summary>The longest stretch of weeks a pattern's chart shows.</summary>
    public const int ChartWeeks = 104;

    public const int Examples = 6;

    /// <summary>High volume: a knowledge gap is one of this many busiest patterns an article would answer, with no article drafted from it.</summary>
    public const int KnowledgeGapCount = 10;

    public async Task<DemandReport> ReportAsync(CancellationToken cancellationToken)
    {
        var run = await db.PatternDiscoveryRuns.AsNoTracking().OrderByDescending(r => r.Id).Select(r => new { r.At, r.Tickets }).FirstOrDefaultAsync(cancellationToken);
        var list = await SummariesAsync(db.Patterns.Where(p => !p.IsRetired), cancellationToken);
        var actions = await ActionsAsync(null, cancellationToken);
        var covered = actions.Where(a => a.ArticleId is not null).Select(a => a.PatternId).ToHashSet();
        var gaps = list.Where(p => p.Action is PatternAction.Knowledge or PatternAction.SelfService && !covered.Contains(p.Id))
            .OrderByDescending(p => p.Tickets).Take(KnowledgeGapCount).ToList();
        return new DemandReport(run?.At, list.Sum(p => p.Tickets), list.Sum(p => p.EffortHours), list, actions, gaps, await patterns.WaitingAsync(cancellationToken));
    }

    public async Task<PatternDetail?> DetailAsync(int id, CancellationToken cancellationToken)
    {
        var found = await SummariesAsync(db.Patterns.Where(p => p.Id == id), cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }
        var created = await db.PatternMembers.AsNoTracking().Where(m => m.PatternId == id).Select(m => m.Ticket!.CreatedAt).ToListAsync(cancellationToken);
        var actions = await ActionsAsync(id, cancellationToken);
        // Once something was done, the chart runs to today so the weeks since the action show, empty ones too.
        var through = actions.Count > 0 ? clock.GetUtcNow().UtcDateTime : created.DefaultIfEmpty(clock.GetUtcNow().UtcDateTime).Max();
        var from = created.DefaultIfEmpty(through).Min();
        from = from < through.AddDays(-7 * ChartWeeks) ? through.AddDays(-7 * ChartWeeks) : from;
        var examples = await db.PatternMembers.AsNoTracking().Where(m => m.PatternId == id)
            .OrderByDescending(m => m.Similarity).ThenByDescending(m => m.TicketId).Take(Examples)
            .Select(m => new PatternExample(m.Ticket!.Number, m.Ticket.Title, m.Ticket.Kind, m.Ticket.Status, m.Ticket.CreatedAt, m.Similarity))
            .ToListAsync(cancellationToken);
        return new PatternDetail(found[0], WeeklyVolume.Series(created, from, through), examples, actions);
    }

    /// <summary>The pattern's weekly volume before now, the baseline an action starting now is measured against.</summary>
    public async Task<double> BaselineAsync(int patternId, DateTime at, CancellationToken cancellationToken)
    {
        var created = await CreatedAsync(patternId, at.AddDays(-7 * (WeeklyVolume.OutcomeWindow + 1)), cancellationToken);
        return WeeklyVolume.Compare(WeeklyVolume.Series(created, at.AddDays(-7 * (WeeklyVolume.OutcomeWindow + 1)), at), at).BeforePerWeek;
    }

    private async Task<List<DateTime>> CreatedAsync(int patternId, DateTime since, CancellationToken cancellationToken) =>
        await db.PatternMembers.AsNoTracking().Where(m => m.PatternId == patternId && m.Ticket!.CreatedAt >= since).Select(m => m.Ticket!.CreatedAt).ToListAsync(cancellationToken);

    private async Task<List<ActionTaken>> ActionsAsync(int? patternId, CancellationToken cancellationToken)
    {
        var rows = await db.Improvements.AsNoTracking()
            .Where(i => patternId == null || i.PatternId == patternId)
            .OrderByDescending(i => i.StartedAt).ThenByDescending(i => i.Id)
            .Select(i => new
            {
                i.Id, i.PatternId, Label = i.Pattern!.Label, i.Action, i.Description, i.StartedAt, Owner = i.Owner!.DisplayName, i.BaselinePerWeek,
                Problem = i.ProblemTicket == null ? null : i.ProblemTicket.Number,
                i.ArticleId,
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var taken = new List<ActionTaken>();
        foreach (var row in rows)
        {
            var created = await CreatedAsync(row.PatternId, row.StartedAt.AddDays(-7 * (WeeklyVolume.OutcomeWindow + 1)), cancellationToken);
            var outcome = WeeklyVolume.Compare(WeeklyVolume.Series(created, row.StartedAt.AddDays(-7 * (WeeklyVolume.OutcomeWindow + 1)), now), row.StartedAt);
            var change = outcome.AfterPerWeek is { } after && row.BaselinePerWeek > 0 ? (after / row.BaselinePerWeek) - 1 : (double?)null;
            taken.Add(new ActionTaken(row.Id, row.PatternId, row.Label, row.Action, row.Description, row.StartedAt, row.Owner, row.BaselinePerWeek, outcome.AfterPerWeek, outcome.WeeksAfter, change, row.Problem, row.ArticleId));
        }
        return taken;
    }

    private async Task<List<PatternSummary>> SummariesAsync(IQueryable<Pattern> source, CancellationToken cancellationToken)
    {
        var rows = await source.AsNoTracking()
            .Select(p => new { Pattern = p, Live = db.PatternMembers.Count(m => m.PatternId == p.Id) })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => (r.Pattern, r.Live))
            .OrderByDescending(r => r.Pattern.EffortHours).ThenByDescending(r => r.Live)
            .Select(r => new PatternSummary(
                r.Pattern.Id, r.Pattern.Label, r.Pattern.Terms, r.Pattern.Category, r.Pattern.Service, r.Pattern.ConfigurationItem,
                r.Live, r.Pattern.Incidents, r.Pattern.Requests, r.Pattern.EffortHours, r.Pattern.MedianResolveHours, r.Pattern.ReopenRate, r.Pattern.ReassignmentRate,
                r.Pattern.RecentPerWeek, r.Pattern.EarlierPerWeek, r.Pattern.SlopePerWeek, r.Pattern.Action, r.Pattern.Reason, r.Pattern.IsRetired, r.Pattern.DiscoveredAt))];
    }
}
