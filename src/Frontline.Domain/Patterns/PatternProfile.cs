using Frontline.Domain.Tickets;
using Frontline.Domain.Triage;

namespace Frontline.Domain.Patterns;

/// <summary>A field value most of a pattern's tickets share, and how many of them do.</summary>
public sealed record Dominant(string Value, double Share);

/// <summary>The measures of one pattern: how often, how costly, how well handled.</summary>
public sealed record PatternFacts(
    int Tickets,
    int Incidents,
    int Requests,
    double EffortHours,
    double? MedianResolveHours,
    double ReopenRate,
    double ReassignmentRate,
    IReadOnlyList<string> Terms,
    Dominant? Category,
    Dominant? Service,
    Dominant? ConfigurationItem,
    Dominant? Resolution)
{
    /// <summary>"password, reset, locked · Accounts & Access · Account": the distinguishing words, then the fields most tickets share.</summary>
    public string Label
    {
        get
        {
            var parts = new List<string>();
            if (Terms.Count > 0)
            {
                parts.Add(string.Join(", ", Terms));
            }
            parts.AddRange(new[] { Service, Category, ConfigurationItem }.OfType<Dominant>().Select(d => d.Value));
            var label = parts.Count > 0 ? string.Join(" · ", parts) : "(no common words)";
            return label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";
        }
    }

    public const int MaxLabelLength = 200;
}

/// <summary>
/// How often each word occurs in the titles of all the tickets, so a pattern's label can name the words that
/// set it apart rather than the words every ticket has ("please", "thanks"). Titles, because descriptions carry
/// boilerplate (signatures, an import's notes) that would name the source rather than the subject.
/// </summary>
public sealed class PatternVocabulary
{
    /// <summary>A field value is a pattern's own when at least this share of its tickets carry it.</summary>
    public const double DominantShare = 0.5;

    private readonly Dictionary<string, int> documentFrequency;
    private readonly int documents;

    private PatternVocabulary(Dictionary<string, int> documentFrequency, int documents)
    {
        this.documentFrequency = documentFrequency;
        this.documents = documents;
    }

    public static PatternVocabulary Of(IEnumerable<string> texts)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        foreach (var text in texts)
        {
            count++;
            foreach (var word in TfIdfVectorizer.Tokens(text).Distinct(StringComparer.Ordinal))
            {
                df[word] = df.GetValueOrDefault(word) + 1;
            }
        }
        return new PatternVocabulary(df, count);
    }

    /// <summary>
    /// The words most over-represented in the pattern, weighted by how many of its tickets use them
    /// (√share × log lift, so a word every ticket has, "please", loses to the word that sets the pattern
    /// apart); a word must be in a tenth of the pattern's tickets to name it.
    /// </summary>
    public IReadOnlyList<string> DistinguishingTerms(IReadOnlyCollection<string> texts, int count)
    {
        var inPattern = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in TfIdfVectorizer.Tokens(text).Distinct(StringComparer.Ordinal))
            {
                inPattern[word] = inPattern.GetValueOrDefault(word) + 1;
            }
        }
        return inPattern
            .Select(w => (Word: w.Key, Share: (double)w.Value / texts.Count, Overall: (double)documentFrequency.GetValueOrDefault(w.Key, w.Value) / Math.Max(documents, 1)))
            .Where(w => w.Share >= 0.1 && w.Share > w.Overall)
            .Select(w => (w.Word, Score: Math.Sqrt(w.Share) * Math.Log(w.Share / w.Overall)))
            .OrderByDescending(w => w.Score)
            .ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(count)
            .Select(w => w.Word)
            .ToList();
    }

    public PatternFacts Describe(IReadOnlyList<PatternTicket> members)
    {
        var resolveHours = members.Where(t => t.ResolvedAt is not null).Select(t => (t.ResolvedAt!.Value - t.CreatedAt).TotalHours).Order().ToList();
        var resolutions = members.Where(t => !string.IsNullOrWhiteSpace(t.ResolutionNotes)).Select(t => t.ResolutionNotes!.Trim()).ToList();
        return new PatternFacts(
            members.Count,
            members.Count(t => t.Kind == TicketKind.Incident),
            members.Count(t => t.Kind == TicketKind.Request),
            members.Sum(t => t.Work.HandlingMinutes) / 60,
            resolveHours.Count == 0 ? null : Median(resolveHours),
            members.Count == 0 ? 0 : (double)members.Count(t => t.Work.Reopens > 0) / members.Count,
            members.Count == 0 ? 0 : (double)members.Count(t => t.Work.Reassignments > 0) / members.Count,
            DistinguishingTerms([.. members.Select(t => t.Title)], 4),
            DominantOf(members.Select(t => t.Text.Category).ToList()),
            DominantOf(members.Select(t => t.Text.Service).ToList()),
            DominantOf(members.Select(t => t.Text.ConfigurationItem).ToList()),
            DominantOf(resolutions.Count >= 2 ? resolutions : []));
    }

    private static Dominant? DominantOf(IReadOnlyList<string?> values)
    {
        var top = values.OfType<string>().Where(v => v.Length > 0).GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        if (top is null)
        {
            return null;
        }
        var share = (double)top.Count() / values.Count;
        return share >= DominantShare ? new Dominant(top.Key, share) : null;
    }

    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
