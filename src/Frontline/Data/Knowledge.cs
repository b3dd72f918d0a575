using Frontline.Domain.Knowledge;

namespace Frontline.Data;

/// <summary>
/// A knowledge article as it reads now. Title and body mirror its newest version, so search and
/// the full-text index read one row; every save also appends a <see cref="KnowledgeArticleVersion"/>.
/// </summary>
public sealed class KnowledgeArticle
{
    public int Id { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown, stored as written and sanitised when shown.</summary>
    public string Body { get; set; } = "";

    public ArticleStatus Status { get; set; }

    public ArticleAudience Audience { get; set; }

    public Guid OwnerId { get; set; }

    public User? Owner { get; set; }

    public int? ServiceId { get; set; }

    public Service? Service { get; set; }

    public int? CategoryId { get; set; }

    public Category? Category { get; set; }

    /// <summary>When the owner must check the article again; past it, the article is flagged.</summary>
    public DateTime? ReviewBy { get; set; }

    /// <summary>The number of the newest version; also the optimistic concurrency token of an edit.</summary>
    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public List<KnowledgeArticleVersion> Versions { get; } = [];
}

/// <summary>One saved state of an article: append-only, so the history can be read back and compared.</summary>
public sealed class KnowledgeArticleVersion
{
    public long Id { get; set; }

    public int ArticleId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public string Body { get; set; } = "";

    public Guid AuthorId { get; set; }

    public User? Author { get; set; }

    public DateTime At { get; set; }

    /// <summary>What changed, in the author's words.</summary>
    public string Note { get; set; } = "";
}

/// <summary>A reader's "was this helpful?", tied to the version they read.</summary>
public sealed class KnowledgeFeedback
{
    public long Id { get; set; }

    public int ArticleId { get; set; }

    public int ArticleVersion { get; set; }

    public Guid ReaderId { get; set; }

    public bool Helpful { get; set; }

    public string Comment { get; set; } = "";

    public DateTime At { get; set; }
}

public enum SuggestionEventKind
{
    /// <summary>The article was offered while the requester typed a new ticket.</summary>
    Suggested,

    /// <summary>The requester opened the article from the suggestions.</summary>
    Opened,

    /// <summary>The requester submitted the ticket after all.</summary>
    Submitted,
}

/// <summary>
/// What happened in one new-ticket form around the suggestions. An article opened and no ticket
/// submitted from the same form session before <see cref="DecidedAt"/> is a deflected ticket.
/// </summary>
public sealed class SuggestionEvent
{
    public long Id { get; set; }

    /// <summary>One per new-ticket form a requester opens.</summary>
    public Guid SessionId { get; set; }

    public SuggestionEventKind Kind { get; set; }

    /// <summary>The article suggested or opened; null for a submission.</summary>
    public int? ArticleId { get; set; }

    /// <summary>The ticket submitted; null otherwise.</summary>
    public long? TicketId { get; set; }

    public Guid RequesterId { get; set; }

    public DateTime At { get; set; }

    /// <summary>
    /// For an opening: the end of the window in which a submission still means the article did not help.
    /// Fixed when the event is written, so a changed setting does not rewrite past deflections.
    /// </summary>
    public DateTime? DecidedAt { get; set; }
}
