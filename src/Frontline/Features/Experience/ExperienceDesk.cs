using Frontline.Data;
using Frontline.Domain.Experience;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Experience;

public sealed record ExperienceInput(int? Satisfaction, int? Effort, int? Happiness, int? LostMinutes, string? Comment);

/// <param name="Effort">Null while only the one-click score from the e-mail is in.</param>
/// <param name="Sentiment">The comment's VADER compound score (−1 to +1), null without a comment.</param>
public sealed record ExperienceView(int Satisfaction, int? Effort, EffortBand? EffortBand, int? Happiness, int LostMinutes, string Comment, double? Sentiment, DateTime At)
{
    public static ExperienceView Of(ExperienceResponse r) =>
        new(r.Satisfaction, r.Effort, r.Effort is { } effort ? ExperienceRules.Band(effort) : null, r.Happiness, r.LostMinutes, r.Comment, r.Sentiment, r.At);
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
        var response = New(ticket, caller.Id, a.Satisfaction);
        Fill(response, a);
        db.ExperienceResponses.Add(response);
        return await SaveAsync(ticket, response, cancellationToken);
    }

    /// <summary>
    /// The one click in the resolution e-mail: records the CSAT score. Clicking another score before the rest is
    /// answered corrects it (people misclick); once the rest is answered the survey is closed.
    /// </summary>
    public async Task<Outcome<ExperienceResponse?>> ScoreByLinkAsync(SurveyLinkHolder holder, int score, CancellationToken cancellationToken)
    {
        if (score is not (>= 1 and <= 5))
        {
            return Outcome<ExperienceResponse?>.Invalid("score", "The score is from 1 (very dissatisfied) to 5 (very satisfied).");
        }
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == holder.TicketId && t.RequesterId == holder.RequesterId, cancellationToken);
        if (ticket is null)
        {
            return Outcome<ExperienceResponse?>.NotFound("This link's ticket is no longer yours to rate.");
        }
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
        {
            return Outcome<ExperienceResponse?>.Conflict($"The survey of {ticket.Number} opens once it is resolved (again, if it was reopened).");
        }
        var response = await db.ExperienceResponses.SingleOrDefaultAsync(r => r.TicketId == ticket.Id, cancellationToken);
        if (response is { Effort: not null })
        {
            return response;
        }
        if (response is null)
        {
            response = New(ticket, holder.RequesterId, score);
            db.ExperienceResponses.Add(response);
        }
        response.Satisfaction = score;
        var saved = await SaveAsync(ticket, response, cancellationToken);
        return saved.IsDone ? saved.Value : saved.As<ExperienceResponse?>();
    }

    /// <summary>The answer a link's holder has given so far, if any.</summary>
    public async Task<Outcome<ExperienceResponse?>> FindByLinkAsync(SurveyLinkHolder holder, CancellationToken cancellationToken) =>
        await db.ExperienceResponses.AsNoTracking()
            .SingleOrDefaultAsync(r => r.TicketId == holder.TicketId && r.RespondentId == holder.RequesterId, cancellationToken);

    public Task<string?> NumberOfAsync(SurveyLinkHolder holder, CancellationToken cancellationToken) =>
        db.Tickets.Where(t => t.Id == holder.TicketId).Select(t => t.Number).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The rest of the survey after the one click: effort, happiness, lost time and a comment, answered once.</summary>
    public async Task<Outcome<ExperienceResponse>> CompleteByLinkAsync(SurveyLinkHolder holder, ExperienceInput input, CancellationToken cancellationToken)
    {
        var response = await db.ExperienceResponses.Include(r => r.Ticket)
            .SingleOrDefaultAsync(r => r.TicketId == holder.TicketId && r.RespondentId == holder.RequesterId, cancellationToken);
        if (response is null)
        {
            return Outcome<ExperienceResponse>.Conflict("Choose a score in the e-mail first.");
        }
        if (response.Effort is not null)
        {
            return Outcome<ExperienceResponse>.Conflict("This ticket's survey has already been answered; thank you.");
        }
        var answers = ExperienceRules.Check(response.Satisfaction, input.Effort, input.Happiness, input.LostMinutes, input.Comment);
        if (!answers.IsOk)
        {
            return Outcome<ExperienceResponse>.Invalid(answers.Field!, answers.Error!);
        }
        Fill(response, answers.Value);
        return await SaveAsync(response.Ticket!, response, cancellationToken);
    }

    /// <summary>A new answer, attached to whoever owned and whichever group held the ticket when it was given.</summary>
    private ExperienceResponse New(Ticket ticket, Guid respondent, int satisfaction) => new()
    {
        TicketId = ticket.Id,
        RespondentId = respondent,
        Satisfaction = satisfaction,
        At = clock.GetUtcNow().UtcDateTime,
        OwnerId = ticket.OwnerId,
        GroupId = ticket.GroupId,
    };

    private static void Fill(ExperienceResponse response, ExperienceAnswers answers)
    {
        (response.Effort, response.Happiness, response.LostMinutes, response.Comment) = (answers.Effort, answers.Happiness, answers.LostMinutes, answers.Comment);
        response.Sentiment = answers.Comment.Length == 0 ? null : SentimentScorer.Score(answers.Comment);
    }

    private async Task<Outcome<ExperienceResponse>> SaveAsync(Ticket ticket, ExperienceResponse response, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two answers raced past the checks; the unique index kept the first.
            return Outcome<ExperienceResponse>.Conflict("This ticket's survey has already been answered; thank you.");
        }
        feed.Publish(TicketFeed.Of(ticket));
        return response;
    }
}
