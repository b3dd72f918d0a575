using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

public class PolicyChooserTests
{
    private static readonly PolicySubject VipP2 = new(TicketKind.Incident, Priority.P2, ServiceId: 3, "Contoso", IsVip: true);

    private static ServiceLevelPolicy Policy(string name, PolicyConditions when, Agreement agreement = Agreement.Sla) =>
        new(name, when, [new ClockDefinition(name, agreement, TargetKind.Resolution, TimeSpan.FromHours(4), BusinessCalendar.AlwaysOpen)]);

    [Fact]
    public void The_most_specific_matching_policy_wins()
    {
        ServiceLevelPolicy[] policies =
        [
            Policy("Default", new()),
            Policy("P2", new(Priority: Priority.P2)),
            Policy("VIP P2", new(Priority: Priority.P2, Vip: true)),
            Policy("P1", new(Priority: Priority.P1)),
        ];

        var chosen = PolicyChooser.Choose(policies, VipP2, ClockScope.Sla);

        Assert.Equal("VIP P2", chosen?.Name);
    }

    [Fact]
    public void Between_as_many_conditions_the_narrower_kind_of_condition_wins()
    {
        ServiceLevelPolicy[] policies = [Policy("By priority", new(Priority: Priority.P2)), Policy("By service", new(ServiceId: 3))];

        var chosen = PolicyChooser.Choose(policies, VipP2, ClockScope.Sla);

        Assert.Equal("By service", chosen?.Name);
    }

    [Fact]
    public void A_tie_goes_to_the_name_whatever_order_the_policies_were_loaded_in()
    {
        var a = Policy("A", new(Organisation: "contoso "));
        var b = Policy("B", new(Organisation: "Contoso"));

        Assert.Equal("A", PolicyChooser.Choose([a, b], VipP2, ClockScope.Sla)?.Name);
        Assert.Equal("A", PolicyChooser.Choose([b, a], VipP2, ClockScope.Sla)?.Name);
    }

    [Fact]
    public void A_group_policy_applies_only_to_that_groups_ola()
    {
        ServiceLevelPolicy[] policies =
        [
            Policy("Any group", new(), Agreement.Ola),
            Policy("Network", new(Group: "Network"), Agreement.Ola),
            Policy("Requester", new()),
        ];

        Assert.Equal("Network", PolicyChooser.Choose(policies, VipP2, ClockScope.Group("network"))?.Name);
        Assert.Equal("Any group", PolicyChooser.Choose(policies, VipP2, ClockScope.Group("Desktop"))?.Name);
        Assert.Equal("Requester", PolicyChooser.Choose(policies, VipP2, ClockScope.Sla)?.Name);
        Assert.Null(PolicyChooser.Choose(policies, VipP2, ClockScope.Supplier("Acme")));
    }

    [Fact]
    public void No_policy_is_chosen_when_none_matches()
    {
        var chosen = PolicyChooser.Choose([Policy("Requests", new(Kind: TicketKind.Request))], VipP2, ClockScope.Sla);

        Assert.Null(chosen);
    }

    [Fact]
    public void A_policy_with_two_targets_of_the_same_kind_is_refused()
    {
        var target = new ClockDefinition("Resolve", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(4), BusinessCalendar.AlwaysOpen);

        Assert.Throws<ArgumentException>(() => new ServiceLevelPolicy("Twice", new(), [target, target with { }]));
    }
}
