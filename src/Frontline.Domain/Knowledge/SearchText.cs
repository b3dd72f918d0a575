using System.Text;
using System.Text.RegularExpressions;

namespace Frontline.Domain.Knowledge;

/// <summary>
/// Turns whatever a person types into search terms that cannot break the query: only runs of letters
/// and digits survive, so FTS5 operators (NEAR, AND, quotes, *, ^, column filters) and SQL
/// metacharacters are never passed on as syntax. Terms are combined with OR and ranked, because a
/// requester describing a problem uses words the article may not.
/// </summary>
public static partial class SearchText
{
    public const int MaxTerms = 12;
    public const int MaxTermLength = 40;

    /// <summary>Marks the start and end of a matched word in a snippet; private-use characters no reader types.</summary>
    public const char MatchStart = '\uE000';
    public const char MatchEnd = '\uE001';

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "cannot", "do", "does", "for", "from", "have", "how",
        "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "so", "the", "their",
        "there", "this", "to", "was", "we", "what", "when", "why", "will", "with", "you", "your",
    };

    /// <summary>The words worth searching for, lower-cased, without stop words, single characters or repeats, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        return Word().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            // A lone ASCII letter or digit ("1." of a numbered list, "a") matches nearly every article.
            .Where(w => (w.Length > 1 || !char.IsAscii(w[0])) && !StopWords.Contains(w))
            .Select(w => w.Length > MaxTermLength ? w[..MaxTermLength] : w)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
    }

    /// <summary>An FTS5 MATCH expression: every term quoted, joined by OR; the last one also matches as a prefix while still being typed.</summary>
    public static string ToFts5(IReadOnlyList<string> terms, bool lastIsPrefix) =>
        string.Join(" OR ", terms.Select((t, i) => lastIsPrefix && i == terms.Count - 1 ? $"\"{t}\"*" : $"\"{t}\""));

    /// <summary>An FTS5 MATCH expression that needs every term, each as the start of a word (a queue narrows as words are added).</summary>
    public static string ToFts5Prefixes(IReadOnlyList<string> terms) =>
        string.Join(" AND ", terms.Select(t => $"\"{t}\"*"));

    /// <summary>A to_tsquery that needs every term, each as the start of a word (letters and digits only, so always valid).</summary>
    public static string ToPrefixTsQuery(IReadOnlyList<string> terms) =>
        string.Join(" & ", terms.Select(t => t + ":*"));

    /// <summary>Input for PostgreSQL's websearch_to_tsquery: plain words joined by its "or" keyword.</summary>
    public static string ToWebSearch(IReadOnlyList<string> terms) => string.Join(" or ", terms);

    /// <summary>A to_tsquery prefix term for the word still being typed (letters and digits only, so always valid).</summary>
    public static string ToPrefixQuery(IReadOnlyList<string> terms) => terms.Count == 0 ? "" : terms[^1] + ":*";

    /// <summary>Text as stored: without NUL, other control characters (except line breaks and tabs) or the snippet markers.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is MatchStart or MatchEnd || (char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                continue;
            }
            clean.Append(c);
        }
        return clean.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
