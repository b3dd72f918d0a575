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

public sealed record ExperienceReport(
    IReadOnlyList<ExperienceSlice> ByService,
    IReadOnlyList<ExperienceSlice> ByGroup,
    IReadOnlyList<WatermelonTicket> Watermelons,
    IReadOnlyList<ServiceTargets> Targets,
    IReadOnlyList<ExperienceTrend> Trends,
    IReadOnlyList<TraitSlice> Traits,
    IReadOnlyList<ServiceChange> Changes);

/// <summary>What managers ask of the surveys: how people feel per service and group, against SLA, XLA targets, over time and by ticket traits.</summary>
public sealed class ExperienceInsights(FrontlineDb db, TicketServiceLevels levels, ServiceLevelSetup levelSetup, ExperienceSetup setup)
{
    /// <summary>Satisfaction at or below this, or effort in the difficult band, counts as a poor experience.</summary>
    public const int PoorSatisfaction = 2;

    private sealed record Answer(
        long TicketId, string Number, string Title, int Satisfaction, int? Effort, int? Happiness, int LostMinutes, string Comment, double? Sentiment, DateTime At,
        string Service, string Group, string Category, string Agent, Channel Channel, int Reassignments, int Reopenings, bool Stored, bool SlaMet, double PendingMinutes)
    {
        public bool SlaMet { get; set; } = SlaMet;

        public double PendingMinutes { get; set; } = PendingMinutes;
    }

    public async Task<ExperienceReport> ReportAsync(DateTime since, CancellationToken cancellationToken)
    {
        var policies = levelSetup.SlaFingerprint;
        // A finished ticket's SLA is read from its stored outcome; the few without a current one (reopened since the
        // answer, or not filled in yet) are replayed below, so both give the same report.
        var answers = await (
            from r in db.ExperienceResponses.AsNoTracking().Where(r => r.At >= since)
            join stored in db.ServiceLevelOutcomes.Where(o => o.Policies == policies) on r.TicketId equals stored.TicketId into found
            from o in found.DefaultIfEmpty()
            let current = o != null && o.TicketVersion == r.Ticket!.Version
            // One order whatever plan the database picks, so averages are summed alike and the same answers give the same figures.
            orderby r.Id
            select new Answer(
                r.TicketId, r.Ticket!.Number, r.Ticket.Title, r.Satisfaction, r.Effort, r.Happiness, r.LostMinutes, r.Comment, r.Sentiment, r.At,
                r.Ticket.Service != null ? r.Ticket.Service!.Name : "(no service)",
                r.GroupId != null ? db.Groups.Where(g => g.Id == r.GroupId).Select(g => g.Name).FirstOrDefault() ?? "(gone)" : "(untriaged)",
                r.Ticket.Category != null ? r.Ticket.Category!.Name : "(no category)",
                r.OwnerId != null ? db.Users.Where(u => u.Id == r.OwnerId).Select(u => u.DisplayName).FirstOrDefault() ?? "(gone)" : "(nobody)",
                r.Ticket.Channel,
                // Moves between groups after the first routing, and reopenings (resolved, then open again).
                current ? o!.Reassignments : db.TicketEvents.Count(e => e.TicketId == r.TicketId && e.Kind == TicketEventKind.Changed && e.Field == "groupId" && e.Before != null),
                current ? o!.Reopenings : db.TicketEvents.Count(e => e.TicketId == r.TicketId && e.Kind == TicketEventKind.Changed && e.Field == "status" && e.Before == "Resolved" && e.After != "Closed"),
                current,
                current && o!.SlaMet,
                current ? o!.ResolutionPausedMinutes : 0))
            .ToListAsync(cancellationToken);
        var replayed = answers.Where(a => !a.Stored).ToList();
        var clocks = await levels.ForTicketsAsync(replayed.Select(r => r.TicketId).ToList(), cancellationToken);
        foreach (var answer in replayed)
        {
            (answer.SlaMet, answer.PendingMinutes) = ServiceLevelOutcomes.Judge(clocks.GetValueOrDefault(answer.TicketId, []));
        }
        var byService = answers.GroupBy(a => a.Service).Select(g => Slice(g.Key, [.. g])).OrderBy(s => s.AverageSatisfaction).ToList();
        return new ExperienceReport(
            byService,
            answers.GroupBy(a => a.Group).Select(g => Slice(g.Key, [.. g])).OrderBy(s => s.AverageSatisfaction).ToList(),
            answers.Where(a => a.SlaMet && (a.Satisfaction <= PoorSatisfaction || a.Effort is { } effort && ExperienceRules.Band(effort) == EffortBand.Difficult))
                .OrderByDescending(a => a.At)
                .Select(a => new WatermelonTicket(a.Number, a.Title, a.Service, a.Satisfaction, a.Effort, a.Comment, a.At))
                .ToList(),
            byService.Select(s => new ServiceTargets(s.Name, setup.For(s.Name).Judge(s.HappinessScore, s.AverageLostMinutes, s.AverageSatisfaction, s.NetEasyScore))).ToList(),
            Trends(answers),
            Traits(answers),
            setup.Changes.Where(c => c.Date >= DateOnly.FromDateTime(since)).OrderBy(c => c.Date).ToList());
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
