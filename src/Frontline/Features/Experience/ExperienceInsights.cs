using System.Globalization;
using Frontline.Data;
using Frontline.Domain.Experience;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Frontline.Features.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Experience;

/// <summary>Experience beside SLA for one slice of the desk (a service, a group, a trait band).</summary>
public sealed record ExperienceSlice(string Name, int Responses, double AverageSatisfaction, double SatisfiedShare, double? NetEasyScore, double AverageLostMinutes, double SlaMetShare,
    double? HappinessScore = null, double? AverageSentiment = null);

/// <summary>A ticket whose SLA was met while its requester was unhappy: green outside, red inside.</summary>
public sealed record WatermelonTicket(string Number, string Title, string Service, int Satisfaction, int? Effort, string Comment, DateTime At);

/// <summary>A service's XLA targets against its answers.</summary>
public sealed record ServiceTargets(string Service, IReadOnlyList<TargetResult> Targets);

/// <summary>One week of one trend line; <paramref name="Changes"/> are the changes dated in that week, to mark on it.</summary>
public sealed record TrendWeek(DateOnly Week, int Responses, double AverageSatisfaction, double? NetEasyScore, IReadOnlyList<string> Changes);

/// <summary>The weekly experience of one service, group, category or agent.</summary>
public sealed record ExperienceTrend(string Dimension, string Name, IReadOnlyList<TrendWeek> Weeks);

/// <summary>Experience of the tickets that share one band of one trait (reassigned twice or more, reopened, pending over 8 h, by e-mail…).</summary>
public sealed record TraitSlice(string Trait, string Band, ExperienceSlice Experience);

/// <param name="Watermelons">The newest <see cref="ExperienceInsights.WatermelonsListed"/>, newest first.</param>
/// <param name="WatermelonCount">All the watermelons in the period, listed or not.</param>
public sealed record ExperienceReport(
    IReadOnlyList<ExperienceSlice> ByService,
    IReadOnlyList<ExperienceSlice> ByGroup,
    IReadOnlyList<WatermelonTicket> Watermelons,
    int WatermelonCount,
    IReadOnlyList<ServiceTargets> Targets,
    IReadOnlyList<ExperienceTrend> Trends,
    IReadOnlyList<TraitSlice> Traits,
    IReadOnlyList<ServiceChange> Changes);

/// <summary>What managers ask of the surveys: how people feel per service and group, against SLA, XLA targets, over time and by ticket traits.</summary>
public sealed class ExperienceInsights(FrontlineDb db, TicketServiceLevels levels, ServiceLevelSetup levelSetup, ExperienceSetup setup)
{
    /// <summary>Satisfaction at or below this, or effort in the difficult band, counts as a poor experience.</summary>
    public const int PoorSatisfaction = 2;

    /// <summary>The newest watermelons the report lists; the rest are counted.</summary>
    public const int WatermelonsListed = 100;

    /// <summary>
    /// One answer: the database gives ids, not names or text, so the dashboard reads as little per answer as it can;
    /// the names are filled in afterwards from the small tables.
    /// </summary>
    private sealed record Answer(
        long TicketId, int Satisfaction, int? Effort, int? Happiness, int LostMinutes, double? Sentiment, DateTime At,
        int? ServiceId, int? GroupId, int? CategoryId, Guid? OwnerId, Channel Channel, int Reassignments, int Reopenings, bool Stored, bool SlaMet, double PendingMinutes)
    {
        public string Service { get; init; } = "";

        public string Group { get; init; } = "";

        public string Category { get; init; } = "";

        public string Agent { get; init; } = "";
    }

    public async Task<ExperienceReport> ReportAsync(DateTime since, CancellationToken cancellationToken)
    {
        var answers = await AnswersAsync(since, cancellationToken);
        var byService = answers.GroupBy(a => a.Service).Select(g => Slice(g.Key, [.. g])).OrderBy(s => s.AverageSatisfaction).ToList();
        var watermelons = answers.Where(a => a.SlaMet && (a.Satisfaction <= PoorSatisfaction || a.Effort is { } effort && ExperienceRules.Band(effort) == EffortBand.Difficult))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.TicketId).ToList();
        return new ExperienceReport(
            byService,
            answers.GroupBy(a => a.Group).Select(g => Slice(g.Key, [.. g])).OrderBy(s => s.AverageSatisfaction).ToList(),
            await WatermelonsAsync(watermelons.Take(WatermelonsListed).ToList(), cancellationToken),
            watermelons.Count,
            byService.Select(s => new ServiceTargets(s.Name, setup.For(s.Name).Judge(s.HappinessScore, s.AverageLostMinutes, s.AverageSatisfaction, s.NetEasyScore))).ToList(),
            Trends(answers),
            Traits(answers),
            setup.Changes.Where(c => c.Date >= DateOnly.FromDateTime(since)).OrderBy(c => c.Date).ToList());
    }

    /// <summary>
    /// The answers since the date with their tickets' SLA, named. A finished ticket's SLA is read from its stored
    /// outcome; the few without a current one (reopened since the answer, or not filled in yet) are replayed, so
    /// both give the same report. Names come from the small tables once, not per answer, and titles and comments only
    /// for the listed watermelons: at a million tickets the query that did both per answer took 53 ms in the
    /// <c>sqlite3</c> shell against 45 (bench/README.md, 5 December 2026).
    /// </summary>
    private async Task<List<Answer>> AnswersAsync(DateTime since, CancellationToken cancellationToken)
    {
        var policies = levelSetup.SlaFingerprint;
        var rows = await (
            from r in db.ExperienceResponses.AsNoTracking().Where(r => r.At >= since)
            join stored in db.ServiceLevelOutcomes.Where(o => o.Policies == policies) on r.TicketId equals stored.TicketId into found
            from o in found.DefaultIfEmpty()
            let current = o != null && o.TicketVersion == r.Ticket!.Version
            // One order whatever plan the database picks, so averages are summed alike and the same answers give the same figures.
            orderby r.Id
            select new Answer(
                r.TicketId, r.Satisfaction, r.Effort, r.Happiness, r.LostMinutes, r.Sentiment, r.At,
                r.Ticket!.ServiceId, r.GroupId, r.Ticket.CategoryId, r.OwnerId, r.Ticket.Channel,
                // Moves between groups after the first routing, and reopenings (resolved, then open again).
                current ? o!.Reassignments : db.TicketEvents.Count(e => e.TicketId == r.TicketId && e.Kind == TicketEventKind.Changed && e.Field == "groupId" && e.Before != null),
                current ? o!.Reopenings : db.TicketEvents.Count(e => e.TicketId == r.TicketId && e.Kind == TicketEventKind.Changed && e.Field == "status" && e.Before == "Resolved" && e.After != "Closed"),
                current,
                current && o!.SlaMet,
                current ? o!.ResolutionPausedMinutes : 0))
            .ToListAsync(cancellationToken);
        var replayed = rows.Where(a => !a.Stored).Select(a => a.TicketId).ToList();
        var clocks = await levels.ForTicketsAsync(replayed, cancellationToken);
        var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var ownerIds = rows.Where(a => a.OwnerId is not null).Select(a => a.OwnerId!.Value).Distinct().ToList();
        var agents = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return rows.Select(a =>
        {
            var (slaMet, pendingMinutes) = a.Stored ? (a.SlaMet, a.PendingMinutes) : ServiceLevelOutcomes.Judge(clocks.GetValueOrDefault(a.TicketId, []));
            return a with
            {
                SlaMet = slaMet,
                PendingMinutes = pendingMinutes,
                Service = a.ServiceId is { } service ? services.GetValueOrDefault(service, "(gone)") : "(no service)",
                Group = a.GroupId is { } group ? groups.GetValueOrDefault(group, "(gone)") : "(untriaged)",
                Category = a.CategoryId is { } category ? categories.GetValueOrDefault(category, "(gone)") : "(no category)",
                Agent = a.OwnerId is { } owner ? agents.GetValueOrDefault(owner, "(gone)") : "(nobody)",
            };
        }).ToList();
    }

    /// <summary>The listed watermelons with their tickets' numbers, titles and the requesters' comments, read for these alone.</summary>
    private async Task<List<WatermelonTicket>> WatermelonsAsync(List<Answer> listed, CancellationToken cancellationToken)
    {
        var ids = listed.Select(a => a.TicketId).ToList();
        var texts = await db.ExperienceResponses.AsNoTracking().Where(r => ids.Contains(r.TicketId))
            .Select(r => new { r.TicketId, r.Ticket!.Number, r.Ticket.Title, r.Comment })
            .ToDictionaryAsync(r => r.TicketId, cancellationToken);
        return listed.Select(a =>
        {
            var text = texts[a.TicketId];
            return new WatermelonTicket(text.Number, text.Title, a.Service, a.Satisfaction, a.Effort, text.Comment, a.At);
        }).ToList();
    }

    private static ExperienceSlice Slice(string name, IReadOnlyCollection<Answer> answers)
    {
        var sentiments = answers.Where(a => a.Sentiment is not null).Select(a => a.Sentiment!.Value).ToList();
        return new(
            name, answers.Count,
            answers.Average(a => a.Satisfaction),
            answers.Count(a => a.Satisfaction >= 4) / (double)answers.Count,
            ExperienceRules.NetEasyScore(answers.Where(a => a.Effort is not null).Select(a => a.Effort!.Value).ToList()),
            answers.Average(a => a.LostMinutes),
            answers.Count(a => a.SlaMet) / (double)answers.Count,
            ExperienceRules.HappinessScore(answers.Where(a => a.Happiness is not null).Select(a => a.Happiness!.Value).ToList()),
            sentiments.Count == 0 ? null : sentiments.Average());
    }

    /// <summary>Weeks start on Monday (ISO), in UTC.</summary>
    private static DateOnly WeekOf(DateTime at) => DateOnly.FromDateTime(at.Date.AddDays(-(((int)at.DayOfWeek + 6) % 7)));

    private List<ExperienceTrend> Trends(List<Answer> answers)
    {
        (string Dimension, Func<Answer, string> Key)[] dimensions = [("Service", a => a.Service), ("Group", a => a.Group), ("Category", a => a.Category), ("Agent", a => a.Agent)];
        return dimensions.SelectMany(d => answers.GroupBy(d.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(line => new ExperienceTrend(d.Dimension, line.Key,
            line.GroupBy(a => WeekOf(a.At)).OrderBy(w => w.Key).Select(week => new TrendWeek(
                week.Key, week.Count(), week.Average(a => a.Satisfaction),
                ExperienceRules.NetEasyScore(week.Where(a => a.Effort is not null).Select(a => a.Effort!.Value).ToList()),
                setup.Changes
                    .Where(c => c.Date >= week.Key && c.Date < week.Key.AddDays(7) && (c.Service is null || (d.Dimension == "Service" && string.Equals(c.Service, line.Key, StringComparison.OrdinalIgnoreCase))))
                    .Select(c => $"{c.Date.ToString("d MMM", CultureInfo.InvariantCulture)}: {c.Title}").ToList())).ToList()))).ToList();
    }

    private static List<TraitSlice> Traits(List<Answer> answers)
    {
        (string Trait, Func<Answer, string> Band)[] traits =
        [
            ("Reassignments", a => a.Reassignments switch { 0 => "none", 1 => "once", _ => "twice or more" }),
            ("Reopenings", a => a.Reopenings == 0 ? "never reopened" : "reopened"),
            ("Pending time", a => a.PendingMinutes switch { 0 => "none", < 60 => "under 1 h", <= 480 => "1–8 h", _ => "over 8 h" }),
            ("Channel", a => a.Channel.ToString().ToLowerInvariant()),
        ];
        return traits.SelectMany(t => answers.GroupBy(t.Band).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TraitSlice(t.Trait, g.Key, Slice(g.Key, [.. g])))).ToList();
    }
}
