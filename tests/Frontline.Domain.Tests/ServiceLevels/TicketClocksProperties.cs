using FsCheck.Xunit;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>Whole tickets: the clocks derived from random histories against the documented rules counted by the minute.</summary>
[Properties(Arbitrary = [typeof(TicketArbitraries)], MaxTest = 200, EndSize = 15)]
public class TicketClocksProperties
{
    [Property]
    public void Every_clock_counts_the_working_minutes_the_rules_say_it_runs_and_pauses(TicketHistoryCase c)
    {
        var expected = TicketMinuteReference.Elapsed(c);

        var clocks = TicketClocks.Evaluate(c.History, c.Policies(), c.Now);

        var actual = clocks.ToDictionary(k => $"{k.Scope} {k.Kind}", k => (k.State.Elapsed, k.State.PausedTotal));
        foreach (var (clock, counted) in expected.Where(e => e.Value != default))
        {
            Assert.True(actual.ContainsKey(clock), $"{clock} is missing");
        }
        foreach (var (clock, state) in actual)
        {
            Assert.Equal((clock, expected.GetValueOrDefault(clock)), (clock, state));
        }
    }

    [Property]
    public void The_order_policies_are_given_in_changes_nothing(TicketHistoryCase c)
    {
        var policies = c.Policies();

        var forwards = TicketClocks.Evaluate(c.History, policies, c.Now);
        var backwards = TicketClocks.Evaluate(c.History, [.. policies.Reverse()], c.Now);

        Assert.Equal(Describe(forwards), Describe(backwards));
    }

    [Property]
    public void History_after_the_instant_asked_about_changes_nothing(TicketHistoryCase c)
    {
        var known = c.History.Where(f => f.At <= c.Now).ToList();

        var withFuture = TicketClocks.Evaluate(c.History, c.Policies(), c.Now);
        var withoutFuture = TicketClocks.Evaluate(known, c.Policies(), c.Now);

        Assert.Equal(Describe(withoutFuture), Describe(withFuture));
    }

    private static IEnumerable<string> Describe(IReadOnlyList<ClockReport> clocks) =>
        clocks.Select(c => $"{c.Scope} {c.Kind} {c.Name} {c.Policy} {c.State with { PausedFor = new Dictionary<PendingReason, TimeSpan>() }} {string.Join(",", c.State.PausedFor)}");
}
