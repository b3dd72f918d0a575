using Frontline.Domain.Patterns;

namespace Frontline.Data;

/// <summary>One run of pattern discovery: when, over how many tickets, and the model that places newer tickets in its patterns.</summary>
public sealed class PatternDiscoveryRun
{
    public int Id { get; set; }

    public DateTime At { get; set; }

    public Guid? ById { get; set; }

    public int Tickets { get; set; }

    public int Patterns { get; set; }

    public double Seconds { get; set; }

    /// <summary>The newest ticket placed in a pattern so far; tickets after it are placed the next time patterns are read.</summary>
    public long PlacedThroughTicketId { get; set; }

    public required byte[] Model { get; set; }
}

/// <summary>A group of similar tickets and what its measures said when it was last discovered.</summary>
public sealed class Pattern
{
    public int Id { get; set; }

    /// <summary>The discovery that last found this pattern; a pattern the newest run did not find again is retired.</summary>
    public int RunId { get; set; }

    /// <summary>The pattern's index in its run's model, which new tickets are placed by.</summary>
    public int ModelIndex { get; set; }

    public bool IsRetired { get; set; }

    public required string Label { get; set; }

    /// <summary>The distinguishing words, comma separated.</summary>
    public required string Terms { get; set; }

    public string? Category { get; set; }

    public string? Service { get; set; }

    public string? ConfigurationItem { get; set; }

    public int Tickets { get; set; }

    public int Incidents { get; set; }

    public int Requests { get; set; }

    public double EffortHours { get; set; }

    public double? MedianResolveHours { get; set; }

    public double ReopenRate { get; set; }

    public double ReassignmentRate { get; set; }

    public double RecentPerWeek { get; set; }

    public double EarlierPerWeek { get; set; }

    public double SlopePerWeek { get; set; }

    public PatternAction Action { get; set; }

    public required string Reason { get; set; }

    public DateTime DiscoveredAt { get; set; }
}

/// <summary>A ticket's place in a pattern: found by discovery, or placed later by the nearest centre.</summary>
public sealed class PatternMember
{
    public int PatternId { get; set; }

    public long TicketId { get; set; }

    public Ticket? Ticket { get; set; }

    public float Similarity { get; set; }
}

/// <summary>A PDCA item on a pattern: the action taken, when, by whom, and the weekly volume it started from.</summary>
public sealed class Improvement
{
    public int Id { get; set; }

    public int PatternId { get; set; }

    public Pattern? Pattern { get; set; }

    public PatternAction Action { get; set; }

    public required string Description { get; set; }

    public Guid OwnerId { get; set; }

    public User? Owner { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>The pattern's tickets per week in the weeks before the action, kept as it was measured then.</summary>
    public double BaselinePerWeek { get; set; }

    /// <summary>The problem ticket opened by the action, when it opened one.</summary>
    public long? ProblemTicketId { get; set; }

    public Ticket? ProblemTicket { get; set; }

    /// <summary>The knowledge article drafted by the action, when it drafted one.</summary>
    public int? ArticleId { get; set; }

    public KnowledgeArticle? Article { get; set; }
}
