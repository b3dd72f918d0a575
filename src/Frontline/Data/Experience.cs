namespace Frontline.Data;

/// <summary>A requester's survey answer for one ticket. One per ticket: a reopened and re-resolved ticket keeps the first.</summary>
public sealed class ExperienceResponse
{
    public long Id { get; set; }

    public long TicketId { get; set; }

    public Ticket? Ticket { get; set; }

    public Guid RespondentId { get; set; }

    public int Satisfaction { get; set; }

    /// <summary>Null while only the one-click score from the survey e-mail has come in.</summary>
    public int? Effort { get; set; }

    public int? Happiness { get; set; }

    public int LostMinutes { get; set; }

    public string Comment { get; set; } = "";

    /// <summary>VADER compound score of the comment, −1 to +1; null without a comment.</summary>
    public double? Sentiment { get; set; }

    public DateTime At { get; set; }

    /// <summary>Who owned and which group held the ticket when it was answered, so the answer attaches to them.</summary>
    public Guid? OwnerId { get; set; }

    public int? GroupId { get; set; }
}
