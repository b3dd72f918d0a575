using Frontline.Domain.Experience;

namespace Frontline.Domain.Tests.Experience;

public sealed class ExperienceRulesTests
{
    [Theory]
    [InlineData(1, EffortBand.Difficult)]
    [InlineData(3, EffortBand.Difficult)]
    [InlineData(4, EffortBand.Neutral)]
    [InlineData(5, EffortBand.Easy)]
    [InlineData(7, EffortBand.Easy)]
    public void EffortFallsIntoNetEasyScoreBands(int effort, EffortBand band) => Assert.Equal(band, ExperienceRules.Band(effort));

    [Fact]
    public void NetEasyScoreIsEasyShareLessDifficultShare()
    {
        Assert.Equal(25.0, ExperienceRules.NetEasyScore([7, 6, 4, 2]));
        Assert.Null(ExperienceRules.NetEasyScore([]));
    }

    [Fact]
    public void ACommentIsTrimmedAndLostTimeDefaultsToNone()
    {
        var answers = ExperienceRules.Check(5, 7, null, null, "  great  ");

        Assert.True(answers.IsOk);
        Assert.Equal(("great", 0), (answers.Value.Comment, answers.Value.LostMinutes));
    }

    [Theory]
    [InlineData(null, 4, null, null, "satisfaction")]
    [InlineData(3, null, null, null, "effort")]
    [InlineData(3, 4, 11, null, "happiness")]
    [InlineData(3, 4, null, -5, "lostMinutes")]
    public void OutOfRangeAnswersNameTheirField(int? satisfaction, int? effort, int? happiness, int? lost, string field) =>
        Assert.Equal(field, ExperienceRules.Check(satisfaction, effort, happiness, lost, null).Field);

    [Fact]
    public void Happiness_score_is_promoters_minus_detractors()
    {
        Assert.Equal(25.0, ExperienceRules.HappinessScore([10, 9, 7, 8, 3, 9, 6, 10]));
        Assert.Null(ExperienceRules.HappinessScore([]));
    }

    [Fact]
    public void Xla_targets_say_which_are_met_and_leave_unmeasured_ones_open()
    {
        var targets = new ExperienceTargets(Happiness: 60, LostMinutes: 120, Satisfaction: 4.2);

        var judged = targets.Judge(happiness: 48, lostMinutes: 90, satisfaction: null, netEasy: 10);

        Assert.Equal([("Happiness", (bool?)false), ("Lost minutes", true), ("CSAT", null)], judged.Select(j => (j.Measure, j.Met)));
    }
}
