namespace Frontline.Domain.Experience;

/// <summary>How the requester felt about a resolved ticket, as they answered the survey.</summary>
/// <param name="Satisfaction">CSAT, 1 (very dissatisfied) to 5 (very satisfied).</param>
/// <param name="Effort">Net Easy Score question, 1 (very difficult) to 7 (very easy).</param>
/// <param name="Happiness">Optional, 0 to 10: how happy they are with IT for this ticket.</param>
/// <param name="LostMinutes">Working time the requester lost to the issue, in minutes.</param>
public sealed record ExperienceAnswers(int Satisfaction, int Effort, int? Happiness, int LostMinutes, string Comment);

public enum EffortBand
{
    Difficult,
    Neutral,
    Easy,
}

/// <summary>The checks on an answer and the bands it is reported in.</summary>
public static class ExperienceRules
{
    public const int MaxLostMinutes = 60 * 24 * 14;
    public const int MaxCommentLength = 4000;

    public static Result<ExperienceAnswers> Check(int? satisfaction, int? effort, int? happiness, int? lostMinutes, string? comment)
    {
        if (satisfaction is not (>= 1 and <= 5))
        {
            return Result<ExperienceAnswers>.Fail("satisfaction", "Rate your satisfaction from 1 (very dissatisfied) to 5 (very satisfied).");
        }
        if (effort is not (>= 1 and <= 7))
        {
            return Result<ExperienceAnswers>.Fail("effort", "Rate how easy it was from 1 (very difficult) to 7 (very easy).");
        }
        if (happiness is not (null or (>= 0 and <= 10)))
        {
            return Result<ExperienceAnswers>.Fail("happiness", "Happiness is from 0 to 10, or left out.");
        }
        if (lostMinutes is not (null or (>= 0 and <= MaxLostMinutes)))
        {
            return Result<ExperienceAnswers>.Fail("lostMinutes", $"Lost time is from 0 to {MaxLostMinutes} minutes (two weeks).");
        }
        var text = (comment ?? "").Trim();
        if (text.Length > MaxCommentLength)
        {
            return Result<ExperienceAnswers>.Fail("comment", $"Keep the comment under {MaxCommentLength} characters.");
        }
        return Result<ExperienceAnswers>.Ok(new ExperienceAnswers(satisfaction.Value, effort.Value, happiness, lostMinutes ?? 0, text));
    }

    /// <summary>Net Easy Score bands: 1–3 difficult, 4 neutral, 5–7 easy (the common mapping; NES = % easy − % difficult).</summary>
    public static EffortBand Band(int effort) => effort switch
    {
        <= 3 => EffortBand.Difficult,
        4 => EffortBand.Neutral,
        _ => EffortBand.Easy,
    };

    /// <summary>Net Easy Score of a set of answers, from −100 to +100; null with no answers.</summary>
    public static double? NetEasyScore(IReadOnlyCollection<int> efforts) =>
        efforts.Count == 0 ? null : 100.0 * (efforts.Count(e => Band(e) == EffortBand.Easy) - efforts.Count(e => Band(e) == EffortBand.Difficult)) / efforts.Count;

    /// <summary>Happiness score of a set of 0–10 answers: % 9–10 minus % 0–6, from −100 to +100; null with no answers.</summary>
    public static double? HappinessScore(IReadOnlyCollection<int> happiness) =>
        happiness.Count == 0 ? null : 100.0 * (happiness.Count(h => h >= 9) - happiness.Count(h => h <= 6)) / happiness.Count;
}
