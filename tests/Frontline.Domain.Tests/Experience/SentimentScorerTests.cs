using Frontline.Domain.Experience;

namespace Frontline.Domain.Tests.Experience;

/// <summary>The port gives VADER's own published answers (the examples of the vaderSentiment README).</summary>
public class SentimentScorerTests
{
    [Theory]
    [InlineData("VADER is smart, handsome, and funny.", 0.8316)]
    [InlineData("VADER is smart, handsome, and funny!", 0.8439)]
    [InlineData("VADER is very smart, handsome, and funny.", 0.8545)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY.", 0.9227)]
    [InlineData("VADER is not smart, handsome, nor funny.", -0.7424)]
    [InlineData("The book was good.", 0.4404)]
    [InlineData("The book was kind of good.", 0.3832)]
    [InlineData("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042)]
    [InlineData("Today SUX!", -0.5461)]
    public void Scores_as_the_published_vader_does(string text, double compound)
    {
        Assert.Equal(compound, SentimentScorer.Score(text), 3);
    }

    [Theory]
    [InlineData("Quick and friendly, thanks!", Sentiment.Positive)]
    [InlineData("The agent was rude and the fix is terrible.", Sentiment.Negative)]
    [InlineData("Printer replaced on floor 3.", Sentiment.Neutral)]
    [InlineData("", Sentiment.Neutral)]
    public void Bands_the_compound_score(string text, Sentiment expected)
    {
        Assert.Equal(expected, SentimentScorer.Classify(SentimentScorer.Score(text)));
    }
}
