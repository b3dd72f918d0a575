using FsCheck.Xunit;
using Frontline.Domain.ServiceLevels;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>The engine against the minute-by-minute reference, over random calendars, pauses and DST changes.</summary>
public class ClockProperties
{
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300, EndSize = 12)]
    public void A_clock_replayed_from_its_facts_agrees_with_counting_minutes(ClockCase c)
    {
        var expected = MinuteReference.Evaluate(c.Definition, c.Facts, c.Now);

        var actual = Clock.Evaluate(c.Definition, c.Facts, c.Now);

        Assert.Equal(expected, new MinuteReference.Expected(
            actual.Status, actual.WaitingOn, actual.Target, actual.Elapsed, actual.Deadline, actual.AtRiskAt, actual.IsAtRisk,
            actual.BreachedAt, actual.EarlierBreaches, expected.PausedFor, actual.EndedAt));
        Assert.Equal(expected.PausedFor, actual.PausedFor);
        Assert.Equal(expected.Target > expected.Elapsed ? expected.Target - expected.Elapsed : TimeSpan.Zero, actual.Remaining);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 100, EndSize = 12)]
    public void Evaluating_the_same_facts_twice_gives_the_same_state(ClockCase c)
    {
        var first = Clock.Evaluate(c.Definition, c.Facts, c.Now);

        var second = Clock.Evaluate(c.Definition, c.Facts, c.Now);

        Assert.Equal(first with { PausedFor = second.PausedFor }, second);
        Assert.Equal(first.PausedFor, second.PausedFor);
    }
}
