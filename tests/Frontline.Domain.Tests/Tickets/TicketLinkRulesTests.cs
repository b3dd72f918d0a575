using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.Tickets;

public class TicketLinkRulesTests
{
    private static Result<LinkKind> Link(long source, long target, LinkKind kind, long[]? ancestors = null, (long, long, LinkKind)[]? existing = null) =>
        TicketLinkRules.Decide(source, target, kind, ancestors ?? [], existing ?? []);

    [Fact]
    public void A_parent_link_between_unrelated_tickets_is_allowed()
    {
        Assert.Equal(LinkKind.ParentOf, Link(1, 2, LinkKind.ParentOf).Value);
    }

    [Fact]
    public void A_ticket_cannot_be_linked_to_itself()
    {
        Assert.Equal("target", Link(1, 1, LinkKind.CausedBy).Field);
    }

    [Fact]
    public void A_ticket_cannot_become_the_parent_of_its_own_ancestor()
    {
        var result = Link(3, 1, LinkKind.ParentOf, ancestors: [2, 1]);

        Assert.Contains("ancestor", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_link_twice_is_refused_but_another_kind_is_fine()
    {
        (long, long, LinkKind)[] existing = [(1, 2, LinkKind.CausedBy)];

        Assert.Contains("already linked", Link(1, 2, LinkKind.CausedBy, existing: existing).Error, StringComparison.Ordinal);
        Assert.True(Link(1, 2, LinkKind.ParentOf, existing: existing).IsOk);
    }

    [Fact]
    public void Two_tickets_cannot_each_be_the_duplicate_of_the_other()
    {
        var result = Link(1, 2, LinkKind.DuplicateOf, existing: [(2, 1, LinkKind.DuplicateOf)]);

        Assert.Contains("duplicate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_link_kind_is_refused()
    {
        Assert.Equal("kind", Link(1, 2, (LinkKind)42).Field);
    }
}
