namespace Frontline.Domain.Experience;

/// <summary>What an experience level agreement (XLA) promises a service's requesters; a null target is not promised.</summary>
/// <param name="Happiness">Lowest happiness score (% 9–10 minus % 0–6), e.g. +60.</param>
/// <param name="LostMinutes">Most average lost work time per ticket, in minutes.</param>
/// <param name="Satisfaction">Lowest average CSAT (1–5), e.g. 4.2.</param>
/// <param name="NetEasy">Lowest Net Easy Score, e.g. +30.</param>
public sealed record ExperienceTargets(double? Happiness = null, double? LostMinutes = null, double? Satisfaction = null, double? NetEasy = null)
{
    /// <summary>Each promised target against what the answers show; Met is null when no answer measures it.</summary>
    public IReadOnlyList<TargetResult> Judge(double? happiness, double? lostMinutes, double? satisfaction, double? netEasy)
    {
        var results = new List<TargetResult>(4);
        void Add(string measure, double? target, double? actual, bool atLeast)
        {
            if (target is { } t)
            {
                results.Add(new TargetResult(measure, atLeast ? "≥" : "≤", t, actual, actual is { } a ? (atLeast ? a >= t : a <= t) : null));
            }
        }
        Add("Happiness", Happiness, happiness, atLeast: true);
        Add("Lost minutes", LostMinutes, lostMinutes, atLeast: false);
        Add("CSAT", Satisfaction, satisfaction, atLeast: true);
        Add("Net Easy", NetEasy, netEasy, atLeast: true);
        return results;
    }
}

/// <summary>One XLA target judged: "Happiness ≥ 60: 48, missed".</summary>
public sealed record TargetResult(string Measure, string Comparison, double Target, double? Actual, bool? Met);
