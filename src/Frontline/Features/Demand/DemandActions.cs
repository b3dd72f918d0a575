using System.Globalization;
using System.Text;
using Frontline.Data;
using Frontline.Domain.Patterns;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Knowledge;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Demand;

/// <summary>An improvement recorded by hand: what was done, by whom, since when (defaults: the caller, now).</summary>
public sealed record ImprovementInput(PatternAction? Action, string? Description, Guid? OwnerId = null, DateTime? StartedAt = null);

/// <summary>
/// Acting on a pattern in one step: a problem record linked to its incidents, a knowledge article drafted from
/// how its tickets were resolved, or an improvement record. Each
/// action is an <see cref="Improvement"/> holding the weekly volume before it, so its outcome is measured.
/// </summary>
public sealed class DemandActions(FrontlineDb db, TicketDesk desk, KnowledgeBase knowledge, DemandInsights insights, TimeProvider clock)
{
    /// <summary>The most recent incidents a problem record is linked to; older ones are history the problem can cite.</summary>
    public const int MaxLinkedIncidents = 200;

    public const int DescriptionMaxLength = 2000;

    /// <summary>The distinct resolutions an article draft quotes, most frequent first.</summary>
    public const int MaxResolutionsQuoted = 10;

    public Task<Outcome<Improvement>> DraftArticleAsync(Caller caller, int patternId, CancellationToken cancellationToken) =>
        NodeLocks.SharedWhileAsync(db, DemandPatterns.Lock, () => DraftArticleHeldAsync(caller, patternId, cancellationToken), cancellationToken);

    private async Task<Outcome<Improvement>> DraftArticleHeldAsync(Caller caller, int patternId, CancellationToken cancellationToken)
    {
        var pattern = await db.Patterns.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patternId && !p.IsRetired, cancellationToken);
        if (pattern is null)
        {
            return NotCurrent(patternId);
        }
        var drafted = await db.Improvements.Where(i => i.PatternId == patternId && i.Article != null).Select(i => i.Article!.Title).FirstOrDefaultAsync(cancellationToken);
        if (drafted is not null)
        {
            return Outcome<Improvement>.Conflict($"This pattern already has an article: \"{drafted}\".");
        }
        var notes = await db.PatternMembers.AsNoTracking()
            .Where(m => m.PatternId == patternId && m.Ticket!.ResolutionNotes != null)
            .OrderByDescending(m => m.TicketId).Take(1000)
            .Select(m => new { m.Ticket!.Number, m.Ticket.ResolutionNotes })
            .ToListAsync(cancellationToken);
        var quoted = notes.GroupBy(n => n.ResolutionNotes!.Trim(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(MaxResolutionsQuoted)
            .Select(g => (Notes: g.Key, Count: g.Count(), Example: g.First().Number)).ToList();
        if (quoted.Count == 0)
        {
            return Outcome<Improvement>.Conflict("None of this pattern's tickets has resolution notes to draft an article from.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var baseline = await insights.BaselineAsync(patternId, now, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // The draft and the improvement that points at it commit together.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await IsCurrentAsync(db, patternId, cancellationToken))
            {
                return NotCurrent(patternId);
            }
            var article = await knowledge.CreateDraftAsync(ArticleTitle(pattern.Label), ArticleBody(pattern, quoted, notes.Count), caller.Id, cancellationToken, note: $"Drafted from demand pattern {patternId}");
            if (!article.IsDone)
            {
                return article.As<Improvement>();
            }
            var improvement = new Improvement
            {
                PatternId = patternId,
                Action = PatternAction.Knowledge,
                Description = $"Knowledge article drafted from {notes.Count} resolutions: \"{article.Value!.Title}\".",
                OwnerId = caller.Id,
                StartedAt = now,
                BaselinePerWeek = baseline,
                ArticleId = article.Value.Id,
            };
            db.Improvements.Add(improvement);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (Outcome<Improvement>)improvement;
        });
    }

    public Task<Outcome<Improvement>> OpenProblemAsync(Caller caller, int patternId, Channel channel, CancellationToken cancellationToken) =>
        NodeLocks.SharedWhileAsync(db, DemandPatterns.Lock, () => OpenProblemHeldAsync(caller, patternId, channel, cancellationToken), cancellationToken);

    private async Task<Outcome<Improvement>> OpenProblemHeldAsync(Caller caller, int patternId, Channel channel, CancellationToken cancellationToken)
    {
        var pattern = await db.Patterns.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patternId && !p.IsRetired, cancellationToken);
        if (pattern is null)
        {
            return NotCurrent(patternId);
        }
        var open = await db.Improvements.Where(i => i.PatternId == patternId && i.ProblemTicket != null
                && i.ProblemTicket.Status != TicketStatus.Resolved && i.ProblemTicket.Status != TicketStatus.Closed && i.ProblemTicket.Status != TicketStatus.Cancelled)
            .Select(i => i.ProblemTicket!.Number).FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return Outcome<Improvement>.Conflict($"Problem {open} is already open for this pattern.");
        }
        var incidents = await db.PatternMembers.AsNoTracking()
            .Where(m => m.PatternId == patternId && m.Ticket!.Kind == TicketKind.Incident)
            .OrderByDescending(m => m.TicketId).Take(MaxLinkedIncidents)
            .Select(m => new { m.TicketId, m.Ticket!.Number })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var improvement = new Improvement
        {
            PatternId = patternId,
            Action = PatternAction.Problem,
            Description = $"Problem opened, linked to the {incidents.Count} most recent incidents.",
            OwnerId = caller.Id,
            StartedAt = now,
            BaselinePerWeek = await insights.BaselineAsync(patternId, now, cancellationToken),
        };
        // The links and the improvement commit with the problem itself: a problem never exists half-linked.
        Outcome<Ticket> created;
        try
        {
            created = await desk.CreateAsync(caller, new NewTicket(TicketKind.Problem, Title(pattern.Label), ProblemDescription(pattern, incidents.Count)), channel, cancellationToken, async (writer, problem) =>
            {
                // Not the caller's token: a queued creation commits or fails whole, with its batch.
                if (!await IsCurrentAsync(writer, patternId, CancellationToken.None))
                {
                    throw new PatternNotCurrentException();
                }
                foreach (var incident in incidents)
                {
                    writer.TicketLinks.Add(new TicketLink { FromTicketId = incident.TicketId, ToTicketId = problem.Id, Kind = LinkKind.CausedBy, CreatedAt = now });
                    writer.TicketEvents.Add(new TicketEvent { TicketId = incident.TicketId, At = now, ActorId = caller.Id, Kind = TicketEventKind.Linked, Field = nameof(LinkKind.CausedBy), After = problem.Number });
                    writer.TicketEvents.Add(new TicketEvent { TicketId = problem.Id, At = now, ActorId = caller.Id, Kind = TicketEventKind.Linked, Field = "linkedFrom:" + nameof(LinkKind.CausedBy), After = incident.Number });
                }
                improvement.ProblemTicketId = problem.Id;
                improvement.Description = $"Problem {problem.Number} opened, linked to the {incidents.Count} most recent incidents.";
                writer.Improvements.Add(improvement);
            });
        }
        catch (PatternNotCurrentException)
        {
            return NotCurrent(patternId);
        }
        if (!created.IsDone)
        {
            return created.As<Improvement>();
        }
        // The writer inserts the problem as a plain row, so nothing tracked points the improvement at it.
        improvement.ProblemTicket = created.Value;
        return improvement;
    }

    public Task<Outcome<Improvement>> RecordAsync(Caller caller, int patternId, ImprovementInput input, CancellationToken cancellationToken) =>
        NodeLocks.SharedWhileAsync(db, DemandPatterns.Lock, () => RecordHeldAsync(caller, patternId, input, cancellationToken), cancellationToken);

    private async Task<Outcome<Improvement>> RecordHeldAsync(Caller caller, int patternId, ImprovementInput input, CancellationToken cancellationToken)
    {
        if (input.Action is not { } action || !Enum.IsDefined(action) || action == PatternAction.Watch)
        {
            return Outcome<Improvement>.Invalid("action", "Action is automate, selfService, knowledge or problem.");
        }
        var description = input.Description?.Trim() ?? "";
        if (description.Length is 0 or > DescriptionMaxLength)
        {
            return Outcome<Improvement>.Invalid("description", $"Say what was done, in 1 to {DescriptionMaxLength} characters.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var startedAt = input.StartedAt?.ToUniversalTime() ?? now;
        if (startedAt > now.AddDays(1) || startedAt < now.AddYears(-10))
        {
            return Outcome<Improvement>.Invalid("startedAt", "An improvement starts today or within the last ten years.");
        }
        var ownerId = input.OwnerId ?? caller.Id;
        if (!await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return Outcome<Improvement>.Invalid("ownerId", "No active person has that id.");
        }
        var baseline = await insights.BaselineAsync(patternId, startedAt, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await IsCurrentAsync(db, patternId, cancellationToken))
            {
                return NotCurrent(patternId);
            }
            var improvement = new Improvement
            {
                PatternId = patternId,
                Action = action,
                Description = description,
                OwnerId = ownerId,
                StartedAt = startedAt,
                BaselinePerWeek = baseline,
            };
            db.Improvements.Add(improvement);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (Outcome<Improvement>)improvement;
        });
    }

    /// <summary>
    /// Asked inside the transaction that writes the improvement: on SQLite that transaction is what keeps a discovery
    /// from replacing the pattern before it commits (on PostgreSQL the shared lock does).
    /// </summary>
    private static Task<bool> IsCurrentAsync(FrontlineDb db, int patternId, CancellationToken cancellationToken) =>
        db.Patterns.AnyAsync(p => p.Id == patternId && !p.IsRetired, cancellationToken);

    private static Outcome<Improvement> NotCurrent(int patternId) => Outcome<Improvement>.NotFound($"There is no current pattern {patternId}.");

    /// <summary>A discovery replaced the pattern between the checks and the problem's commit; the creation rolls back.</summary>
    private sealed class PatternNotCurrentException : Exception;

    private static string ArticleTitle(string label)
    {
        var title = "How we solve: " + label;
        return title.Length <= Domain.Knowledge.ArticleRules.TitleMaxLength ? title : title[..(Domain.Knowledge.ArticleRules.TitleMaxLength - 1)] + "…";
    }

    private static string ArticleBody(Pattern pattern, IReadOnlyList<(string Notes, int Count, string Example)> quoted, int resolved)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"*Draft built from the resolution notes of {resolved} tickets of the pattern \"{pattern.Label}\". Edit it into steps a requester can follow, then publish.*");
        text.AppendLine();
        text.AppendLine("## What people report");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{pattern.Tickets} tickets so far, mostly about: {pattern.Terms}.");
        text.AppendLine();
        text.AppendLine("## How the desk solved it");
        text.AppendLine();
        foreach (var (notes, count, example) in quoted)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {notes.ReplaceLineEndings(" ")} ({count}×, e.g. {example})");
        }
        return text.ToString();
    }

    private static string Title(string label)
    {
        var title = "Recurring: " + label;
        return title.Length <= TicketFields.TitleMaxLength ? title : title[..(TicketFields.TitleMaxLength - 1)] + "…";
    }

    private static string ProblemDescription(Pattern pattern, int linked)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Opened from demand pattern **{pattern.Label}**.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- {pattern.Tickets} tickets ({pattern.Incidents} incidents), {pattern.EffortHours:F0} h of handling effort");
        text.AppendLine(CultureInfo.InvariantCulture, $"- reopened {pattern.ReopenRate:P0}, reassigned {pattern.ReassignmentRate:P0}");
        if (pattern.ConfigurationItem is { } ci)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- configuration item: {ci}");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Why: {pattern.Reason}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The {linked} most recent incidents of the pattern are linked to this problem.");
        return text.ToString();
    }
}
