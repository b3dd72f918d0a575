using Frontline.Data;
using Frontline.Domain.Experience;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Experience;

public sealed record ExperienceInput(int? Satisfaction, int? Effort, int? Happiness, int? LostMinutes, string? Comment);

public sealed record ExperienceView(int Satisfaction, int Effort, EffortBand EffortBand, int? Happiness, int LostMinutes, string Comment, DateTime At)
{
    public static ExperienceView Of(ExperienceResponse r) =>
        new(r.Satisfaction, r.Effort, ExperienceRules.Band(r.Effort), r.Happiness, r.LostMinutes, r.Comment, r.At);
}

/// <summary>The requester's survey on a resolved ticket: asked once, answered once, kept beside the ticket's clocks.</summary>
public sealed class ExperienceDesk(FrontlineDb db, TicketDesk desk, TimeProvider clock, TicketFeed feed)
{
    public async Task<Outcome<ExperienceResponse?>> FindAsync(Caller caller, string number, CancellationToken cancellationToken)
    {
        var ticket = await desk.FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<ExperienceResponse?>.NotFound($"There is no ticket {number} you can see.");
        }
        return await db.ExperienceResponses.AsNoTracking().SingleOrDefaultAsync(r => r.TicketId == ticket.Id, cancellationToken);
    }

    public async Task<Outcome<ExperienceResponse>> AnswerAsync(Caller caller, string number, ExperienceInput input, CancellationToken cancellationToken)
    {
        var ticket = await desk.FindAsync(caller, number, cancellationToken);
        if (ticket is null)
        {
            return Outcome<ExperienceResponse>.NotFound($"There is no ticket {number} you can see.");
        }
        if (!caller.IsRequesterOf(ticket))
        {
            return Outcome<ExperienceResponse>.Forbidden("Only the person who asked for the ticket answers its survey.");
        }
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
        {
            return Outcome<ExperienceResponse>.Conflict("The survey opens once the ticket is resolved.");
        }
        var answers = ExperienceRules.Check(input.Satisfaction, input.Effort, input.Happiness, input.LostMinutes, input.Comment);
        if (!answers.IsOk)
        {
            return Outcome<ExperienceResponse>.Invalid(answers.Field!, answers.Error!);
        }
        if (await db.ExperienceResponses.AnyAsync(r => r.TicketId == ticket.Id, cancellationToken))
        {
            return Outcome<ExperienceResponse>.Conflict("This ticket's survey has already been answered; thank you.");
        }
        var a = answers.Value;
        var response = new ExperienceResponse
        {
            TicketId = ticket.Id,
            RespondentId = caller.Id,
            Satisfaction = a.Satisfaction,
            Effort = a.Effort,
            Happiness = a.Happiness,
            LostMinutes = a.LostMinutes,
            Comment = a.Comment,
            At = clock.GetUtcNow().UtcDateTime,
            OwnerId = ticket.OwnerId,
            GroupId = ticket.GroupId,
        };
        db.ExperienceResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two answers raced past the check above; the unique index kept the first.
            return Outcome<ExperienceResponse>.Conflict("This ticket's survey has already been answered; thank you.");
        }
        feed.Publish(TicketFeed.Of(ticket));
        return response;
    }
}
