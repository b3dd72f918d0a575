using System.Globalization;
using Frontline.Domain.Triage;

namespace Frontline.Domain.Patterns;

/// <summary>What to do about a pattern, in the desk's words.</summary>
public enum PatternAction
{
    /// <summary>Too few tickets, or nothing they share that an action would remove.</summary>
    Watch,

    /// <summary>A repeatable request fulfilled the same way: make it a catalogue item that fulfils itself.</summary>
    Automate,

    /// <summary>Passwords, unlocks and access: let people do it themselves.</summary>
    SelfService,

    /// <summary>How-to questions and quick answers: an article answers the next ones.</summary>
    Knowledge,

    /// <summary>Recurring incidents on one configuration item or symptom: find and remove the cause.</summary>
    Problem,
}

public sealed record Recommendation(PatternAction Action, string Reason);

/// <summary>Recommends an action for a pattern from its measures, and says why.</summary>
public static class PatternAdvice
{
    /// <summary>Below this many tickets a group is a coincidence, not something solved again and again.</summary>
    public const int MinRecurring = 5;

    /// <summary>A configuration item behind this share of a pattern's incidents is the likely common cause.</summary>
    public const double CommonCiShare = 0.3;

    private static readonly HashSet<string> SelfServiceWords = new(StringComparer.Ordinal)
    {
        "password", "passwords", "reset", "unlock", "locked", "lockout", "access", "permission", "permissions", "login", "account", "mfa", "rights",
    };

    private static readonly HashSet<string> HowToWords = new(StringComparer.Ordinal)
    {
        "how", "howto", "guide", "setup", "configure", "question", "instructions",
    };

    public static Recommendation Recommend(PatternFacts facts)
    {
        var words = facts.Terms.Concat(new[] { facts.Category, facts.Service }.OfType<Dominant>().SelectMany(d => TfIdfVectorizer.Tokens(d.Value))).ToHashSet(StringComparer.Ordinal);
        var quick = facts.MedianResolveHours is { } median ? $", resolved in a median {Hours(median)}" : "";
        if (facts.Tickets < MinRecurring)
        {
            return new(PatternAction.Watch, $"Only {facts.Tickets} tickets: not yet something solved again and again.");
        }
        if (facts.Incidents * 2 >= facts.Tickets)
        {
            if (facts.ConfigurationItem is { Share: >= CommonCiShare } ci)
            {
                return new(PatternAction.Problem, $"{Share(ci.Share)} of {facts.Tickets} tickets, mostly incidents, are on {ci.Value}: recurring incidents on one configuration item point at one cause.");
            }
            if (words.Overlaps(SelfServiceWords))
            {
                return new(PatternAction.SelfService, $"{facts.Tickets} incidents about {Named(facts, words, SelfServiceWords)}{quick}: people could unlock or reset it themselves.");
            }
            return new(PatternAction.Problem, $"{facts.Incidents} incidents with the same symptom ({string.Join(", ", facts.Terms.Take(3))}), {Share(facts.ReopenRate)} reopened: a problem record looks for the cause they share.");
        }
        if (words.Overlaps(SelfServiceWords))
        {
            return new(PatternAction.SelfService, $"{facts.Tickets} requests about {Named(facts, words, SelfServiceWords)}{quick}: a self-service form or reset page lets people do it themselves.");
        }
        if (words.Overlaps(HowToWords))
        {
            return new(PatternAction.Knowledge, $"{facts.Tickets} how-to questions{quick}: an article answers the next ones before they are asked.");
        }
        if (facts.Resolution is { } same && facts.ReassignmentRate <= 0.2)
        {
            return new(PatternAction.Automate, $"{facts.Tickets} requests fulfilled the same way ({Share(same.Share)} with the same resolution, {Share(1 - facts.ReassignmentRate)} never reassigned): a catalogue item can fulfil them automatically.");
        }
        return new(PatternAction.Knowledge, $"{facts.Tickets} similar requests handled in different ways{quick}: writing down the way that works lets the desk answer them the same way, and requesters too.");
    }

    private static string Named(PatternFacts facts, HashSet<string> words, HashSet<string> of)
    {
        var named = facts.Terms.Where(of.Contains).Concat(words.Where(of.Contains)).Distinct(StringComparer.Ordinal).Take(2).ToList();
        return string.Join(" and ", named);
    }

    private static string Share(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:F0}%");

    private static string Hours(double hours) => hours < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{hours * 60:F0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{hours:F1} h");
}
