using Frontline.Domain.Knowledge;

namespace Frontline.Domain.Tests.Knowledge;

public sealed class ArticleRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ArticleStatus.Draft, ArticleStatus.Published, true)]
    [InlineData(ArticleStatus.Published, ArticleStatus.Retired, true)]
    [InlineData(ArticleStatus.Retired, ArticleStatus.Published, true)]
    [InlineData(ArticleStatus.Draft, ArticleStatus.Retired, true)]
    [InlineData(ArticleStatus.Published, ArticleStatus.Published, false)]
    [InlineData(ArticleStatus.Published, ArticleStatus.Draft, false)]
    public void ArticlesArePublishedAndRetiredButNeverGoBackToDraft(ArticleStatus from, ArticleStatus to, bool allowed) =>
        Assert.Equal(allowed, ArticleRules.Move(from, to).IsOk);

    [Fact]
    public void APublishedArticlePastItsReviewDateIsDueForReviewAndADraftNever()
    {
        Assert.True(ArticleRules.IsDueForReview(ArticleStatus.Published, Now.AddDays(-1), Now));
        Assert.False(ArticleRules.IsDueForReview(ArticleStatus.Published, Now.AddDays(1), Now));
        Assert.False(ArticleRules.IsDueForReview(ArticleStatus.Draft, Now.AddDays(-1), Now));
    }

    [Fact]
    public void PublishingKeepsAFutureReviewDateAndOtherwiseSetsOneHalfAYearAhead()
    {
        Assert.Equal(Now.AddDays(30), ArticleRules.ReviewDateOnPublish(Now.AddDays(30), Now));
        Assert.Equal(Now.AddDays(180), ArticleRules.ReviewDateOnPublish(Now.AddDays(-3), Now));
    }

    [Fact]
    public void AnArticleNeedsATitleAndKeepsWithinItsLimits()
    {
        Assert.Equal("title", ArticleRules.Check("  ", "body", null).Field);
        Assert.Equal("title", ArticleRules.Check(new string('x', 201), "body", null).Field);
        Assert.Equal("body", ArticleRules.Check("t", new string('x', ArticleRules.BodyMaxLength + 1), null).Field);
        Assert.Equal(("VPN", "Steps"), (ArticleRules.Check(" VPN ", "Steps", null).Value.Title, ArticleRules.Check(" VPN ", "Steps", null).Value.Body));
    }
}
