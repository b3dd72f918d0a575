namespace Frontline.Domain.Knowledge;

public enum ArticleStatus
{
    /// <summary>Being written; only the desk sees it.</summary>
    Draft,

    /// <summary>Found by search and suggested to its audience.</summary>
    Published,

    /// <summary>Kept for its history and links, no longer offered to anyone.</summary>
    Retired,
}

public enum ArticleAudience
{
    /// <summary>Requesters and the desk.</summary>
    Requesters,

    /// <summary>The desk only: internal workarounds, admin steps.</summary>
    AgentsOnly,
}

/// <summary>The text of one saved version, checked and cleaned.</summary>
public sealed record ArticleText(string Title, string Body, string Note);

/// <summary>What an article may hold and how it moves between draft, published and retired.</summary>
public static class ArticleRules
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 100_000;
    public const int NoteMaxLength = 500;
    public const int CommentMaxLength = 2000;

    /// <summary>How long a published article stays trusted before its owner must check it again.</summary>
    public static readonly TimeSpan ReviewPeriod = TimeSpan.FromDays(180);

    public static Result<ArticleText> Check(string? title, string? body, string? note)
    {
        var cleanTitle = SearchText.Clean(title).Trim();
        var cleanBody = SearchText.Clean(body);
        var cleanNote = SearchText.Clean(note).Trim();
        return cleanTitle.Length switch
        {
            0 => Result<ArticleText>.Fail("title", "Give the article a title: the question or problem it answers."),
            > TitleMaxLength => Result<ArticleText>.Fail("title", $"Keep the title under {TitleMaxLength} characters."),
            _ when cleanBody.Length > BodyMaxLength => Result<ArticleText>.Fail("body", $"Keep the article under {BodyMaxLength} characters; split it if it covers several problems."),
            _ when cleanNote.Length > NoteMaxLength => Result<ArticleText>.Fail("note", $"Keep the change note under {NoteMaxLength} characters."),
            _ => Result<ArticleText>.Ok(new ArticleText(cleanTitle, cleanBody, cleanNote)),
        };
    }

    /// <summary>Publishing a draft or a retired article, retiring a draft or a published one; nothing goes back to draft.</summary>
    public static Result<ArticleStatus> Move(ArticleStatus from, ArticleStatus to) => (from, to) switch
    {
        (ArticleStatus.Draft or ArticleStatus.Retired, ArticleStatus.Published) => Result<ArticleStatus>.Ok(to),
        (ArticleStatus.Draft or ArticleStatus.Published, ArticleStatus.Retired) => Result<ArticleStatus>.Ok(to),
        _ when from == to => Result<ArticleStatus>.Fail("action", $"The article is already {Describe(to)}."),
        _ => Result<ArticleStatus>.Fail("action", $"A {Describe(from)} article cannot become {Describe(to)}; publish or retire it instead."),
    };

    /// <summary>Whether the owner should check the article again: published and past its review date.</summary>
    public static bool IsDueForReview(ArticleStatus status, DateTime? reviewBy, DateTime now) =>
        status == ArticleStatus.Published && reviewBy is { } due && due <= now;

    /// <summary>The review date a newly published article gets when it has none.</summary>
    public static DateTime ReviewDateOnPublish(DateTime? reviewBy, DateTime now) =>
        reviewBy is { } due && due > now ? due : now + ReviewPeriod;

    private static string Describe(ArticleStatus status) => status.ToString().ToLowerInvariant();
}
