using Frontline.Data;
using Frontline.Domain.Experience;
using Frontline.Domain.ServiceLevels;
using Frontline.Features.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Experience;

/// <summary>Experience beside SLA for one slice of the desk (a service, a group).</summary>
public sealed record ExperienceSlice(string Name, int Responses, double AverageSatisfaction, double SatisfiedShare, double? NetEasyScore, double AverageLostMinutes, double SlaMetShare);

/// <summary>A ticket whose SLA was met while its requester was unhappy: green outside, red inside.</summary>
public sealed record WatermelonTicket(string Number, string Title, string Service, int Satisfaction, int? Effort, string Comment, DateTime At);

public sealed record ExperienceReport(IReadOnlyList<ExperienceSlice> ByService, IReadOnlyList<ExperienceSlice> ByGroup, IReadOnlyList<WatermelonTicket> Watermelons);

/// <summary>What managers ask of the surveys: how people feel per service and group, against whether the SLA was met.</summary>
public sealed class ExperienceInsights(FrontlineDb db, TicketServiceLevels levels)
{
    /// <summary>Satisfaction at or below this, or effort in the difficult band, counts as a poor experience.</summary>
    public const int PoorSatisfaction = 2;

    public async Task<ExperienceReport> ReportAsync(DateTime since, CancellationToken cancellationToken)
    {
        var rows = await db.ExperienceResponses.AsNoTracking()
            .Where(r => r.At >= since)
            .Select(r => new
            {
                r.TicketId, r.Satisfaction, r.Effort, r.LostMinutes, r.Comment, r.At,
                r.Ticket!.Number, r.Ticket.Title,
                Service = r.Ticket.Service != null ? r.Ticket.Service.Name : "(no service)",
                Group = r.GroupId != null ? db.Groups.Where(g => g.Id == r.GroupId).Select(g => g.Name).FirstOrDefault() ?? "(gone)" : "(untriaged)",
            })
            .ToListAsync(cancellationToken);
        var clocks = await levels.ForTicketsAsync(rows.Select(r => r.TicketId).ToList(), cancellationToken);
        bool SlaMet(long ticketId) => !clocks.GetValueOrDefault(ticketId, []).Any(c => c.Scope.Agreement == Agreement.Sla && c.State.IsBreached);

        ExperienceSlice Slice(string name, IReadOnlyCollection<(int Satisfaction, int? Effort, int Lost, bool Met)> answers) => new(
            name, answers.Count,
            answers.Average(a => a.Satisfaction),
            answers.Count(a => a.Satisfaction >= 4) / (double)answers.Count,
            ExperienceRules.NetEasyScore(answers.Where(a => a.Effort is not null).Select(a => a.Effort!.Value).ToList()),
            answers.Average(a => a.Lost),
            answers.Count(a => a.Met) / (double)answers.Count);

        var answered = rows.Select(r => (Row: r, Answer: (r.Satisfaction, r.Effort, Lost: r.LostMinutes, Met: SlaMet(r.TicketId)))).ToList();
        return new ExperienceReport(
            answered.GroupBy(a => a.Row.Service).Select(g => Slice(g.Key, g.Select(x => x.Answer).ToList())).OrderBy(s => s.AverageSatisfaction).ToList(),
            answered.GroupBy(a => a.Row.Group).Select(g => Slice(g.Key, g.Select(x => x.Answer).ToList())).OrderBy(s => s.AverageSatisfaction).ToList(),
            answered.Where(a => a.Answer.Met && (a.Answer.Satisfaction <= PoorSatisfaction || a.Answer.Effort is { } effort && ExperienceRules.Band(effort) == EffortBand.Difficult))
                .OrderByDescending(a => a.Row.At)
                .Select(a => new WatermelonTicket(a.Row.Number, a.Row.Title, a.Row.Service, a.Row.Satisfaction, a.Row.Effort, a.Row.Comment, a.Row.At))
                .ToList());
    }
}
