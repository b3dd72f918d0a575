using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

public class TicketClocksTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly BusinessCalendar Office = new(London, WorkingHours.MondayToFriday("09:00-17:00"));
    private static readonly BusinessCalendar SupplierHours = new(London, WorkingHours.MondayToFriday("10:00-16:00"));
    private static readonly PolicySubject P3Incident = new(TicketKind.Incident, Priority.P3, ServiceId: 7, "Contoso", IsVip: false);

    private static readonly ServiceLevelPolicy Standard = new("Standard", new(),
    [
        Target("SLA respond", Agreement.Sla, TargetKind.FirstResponse, 1, Office),
        Target("SLA resolve", Agreement.Sla, TargetKind.Resolution, 8, Office, PendingReason.Requester),
        Target("OLA resolve", Agreement.Ola, TargetKind.Resolution, 4, Office, PendingReason.Requester, PendingReason.Supplier),
        Target("UC resolve", Agreement.Uc, TargetKind.Resolution, 3, SupplierHours, PendingReason.Requester),
    ]);

    private static readonly ServiceLevelPolicy Critical = new("Critical", new(Priority: Priority.P1),
    [
        Target("SLA respond P1", Agreement.Sla, TargetKind.FirstResponse, 0.25, BusinessCalendar.AlwaysOpen),
        Target("SLA resolve P1", Agreement.Sla, TargetKind.Resolution, 4, BusinessCalendar.AlwaysOpen),
        Target("SLA update P1", Agreement.Sla, TargetKind.UpdateCadence, 1, BusinessCalendar.AlwaysOpen),
    ]);

    private static readonly ServiceLevelPolicy[] Policies = [Standard, Critical];

    private static ClockDefinition Target(string name, Agreement agreement, TargetKind kind, double hours, BusinessCalendar calendar, params PendingReason[] pausesOn) =>
        new(name, agreement, kind, TimeSpan.FromHours(hours), calendar, pausesOn);

    // Monday 12 January 2026; London is on UTC in winter.
    private static DateTime Monday(int hour, int minute = 0) => new(2026, 1, 12, hour, minute, 0, DateTimeKind.Utc);

    private static ClockState Clock(IReadOnlyList<ClockReport> clocks, ClockScope scope, TargetKind kind) =>
        clocks.Single(c => c.Scope == scope && c.Kind == kind).State;

    [Fact]
    public void Logging_a_ticket_starts_its_sla_and_its_groups_ola()
    {
        TicketFact[] history = [new TicketLogged(Monday(9), P3Incident, "Service desk")];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(10));

        Assert.Equal(
            ["SLA FirstResponse", "SLA Resolution", "OLA Service desk Resolution"],
            clocks.Select(c => $"{c.Scope} {c.Kind}"));
        Assert.All(clocks, c => Assert.Equal(TimeSpan.FromHours(1), c.State.Elapsed));
        Assert.All(clocks, c => Assert.Equal("Standard", c.Policy));
    }

    [Fact]
    public void The_first_public_reply_meets_the_first_response_and_later_ones_change_nothing()
    {
        TicketFact[] history = [new TicketLogged(Monday(9), P3Incident), new PublicReplied(Monday(9, 40)), new PublicReplied(Monday(11))];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(12));

        var response = Clock(clocks, ClockScope.Sla, TargetKind.FirstResponse);
        Assert.Equal(ClockStatus.Met, response.Status);
        Assert.Equal(TimeSpan.FromMinutes(40), response.Elapsed);
        Assert.Equal(Monday(9, 40), response.EndedAt);
    }

    [Fact]
    public void Waiting_for_the_requester_pauses_the_sla_and_keeps_why()
    {
        TicketFact[] history =
        [
            new TicketLogged(Monday(9), P3Incident),
            new StatusChanged(Monday(10), TicketStatus.Pending, PendingReason.Requester),
            new StatusChanged(Monday(13), TicketStatus.InProgress),
        ];

        var during = TicketClocks.Evaluate(history, Policies, Monday(11));
        var after = TicketClocks.Evaluate(history, Policies, Monday(14));

        var paused = Clock(during, ClockScope.Sla, TargetKind.Resolution);
        Assert.True(paused.IsPaused);
        Assert.Equal(PendingReason.Requester, paused.WaitingOn);
        var resumed = Clock(after, ClockScope.Sla, TargetKind.Resolution);
        Assert.Equal(TimeSpan.FromHours(2), resumed.Elapsed);
        Assert.Equal(TimeSpan.FromHours(3), resumed.PausedFor[PendingReason.Requester]);
    }

    [Fact]
    public void Waiting_for_a_supplier_pauses_the_group_but_not_the_requesters_sla()
    {
        TicketFact[] history =
        [
            new TicketLogged(Monday(9), P3Incident, "Network"),
            new StatusChanged(Monday(10), TicketStatus.Pending, PendingReason.Supplier),
        ];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(12));

        Assert.Equal(ClockStatus.Running, Clock(clocks, ClockScope.Sla, TargetKind.Resolution).Status);
        Assert.Equal(ClockStatus.Paused, Clock(clocks, ClockScope.Group("Network"), TargetKind.Resolution).Status);
    }

    [Fact]
    public void A_group_clock_runs_only_while_that_group_holds_the_ticket_and_adds_up_over_visits()
    {
        TicketFact[] history =
        [
            new TicketLogged(Monday(9), P3Incident, "Service desk"),
            new GroupChanged(Monday(10), "Network"),
            new GroupChanged(Monday(12), "Service desk"),
        ];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(13));

        var desk = Clock(clocks, ClockScope.Group("Service desk"), TargetKind.Resolution);
        var network = Clock(clocks, ClockScope.Group("Network"), TargetKind.Resolution);
        Assert.Equal((ClockStatus.Running, TimeSpan.FromHours(2)), (desk.Status, desk.Elapsed));
        Assert.Equal((ClockStatus.Met, TimeSpan.FromHours(2)), (network.Status, network.Elapsed));
    }

    [Fact]
    public void A_supplier_clock_counts_the_suppliers_hours_and_a_second_escalation_is_a_new_clock()
    {
        TicketFact[] history =
        [
            new TicketLogged(Monday(9), P3Incident),
            new SupplierEscalated(Monday(9), "Acme"),
            new SupplierReturned(Monday(12), "acme"),
            new SupplierEscalated(Monday(15), "Acme"),
        ];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(17));

        var first = Clock(clocks, ClockScope.Supplier("Acme"), TargetKind.Resolution);
        var second = Clock(clocks, ClockScope.Supplier("Acme", 2), TargetKind.Resolution);
        Assert.Equal((ClockStatus.Met, TimeSpan.FromHours(2)), (first.Status, first.Elapsed));
        Assert.Equal((ClockStatus.Running, TimeSpan.FromHours(1)), (second.Status, second.Elapsed));
    }

    [Fact]
    public void Raising_the_priority_retargets_running_clocks_and_keeps_their_elapsed_time()
    {
        TicketFact[] history =
        [
            new TicketLogged(Monday(9), P3Incident),
            new PublicReplied(Monday(9, 30)),
            new PriorityChanged(Monday(11), Priority.P1),
        ];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(20));

        var resolution = clocks.Single(c => c.Scope == ClockScope.Sla && c.Kind == TargetKind.Resolution);
        Assert.Equal(("SLA resolve P1", "Critical"), (resolution.Name, resolution.Policy));
        // Two office hours before the change, then round the clock: the 4h P1 target ran out at 13:00.
        Assert.Equal(Monday(13), resolution.State.BreachedAt);
        var response = Clock(clocks, ClockScope.Sla, TargetKind.FirstResponse);
        Assert.Equal((ClockStatus.Met, TimeSpan.FromHours(1)), (response.Status, response.Target));
        var cadence = Clock(clocks, ClockScope.Sla, TargetKind.UpdateCadence);
        Assert.Equal(Monday(12), cadence.BreachedAt);
    }

    [Fact]
    public void Resolving_stops_every_clock_and_reopening_resumes_resolution_but_not_the_first_response()
    {
        TicketFact[] history =
        [
            new TicketLogged(Monday(9), P3Incident, "Network"),
            new PublicReplied(Monday(9, 30)),
            new SupplierEscalated(Monday(10), "Acme"),
            new StatusChanged(Monday(11), TicketStatus.Resolved),
            new StatusChanged(Monday(14), TicketStatus.InProgress),
        ];

        var resolved = TicketClocks.Evaluate(history, Policies, Monday(12));
        var reopened = TicketClocks.Evaluate(history, Policies, Monday(15));

        Assert.All(resolved, c => Assert.Equal(ClockStatus.Met, c.State.Status));
        Assert.Equal(ClockStatus.Met, Clock(reopened, ClockScope.Sla, TargetKind.FirstResponse).Status);
        Assert.Equal(TimeSpan.FromHours(3), Clock(reopened, ClockScope.Sla, TargetKind.Resolution).Elapsed);
        Assert.Equal(ClockStatus.Running, Clock(reopened, ClockScope.Group("Network"), TargetKind.Resolution).Status);
        Assert.Equal(ClockStatus.Met, Clock(reopened, ClockScope.Supplier("Acme"), TargetKind.Resolution).Status);
    }

    [Fact]
    public void Cancelling_cancels_every_clock()
    {
        TicketFact[] history = [new TicketLogged(Monday(9), P3Incident, "Network"), new StatusChanged(Monday(10), TicketStatus.Cancelled)];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(12));

        Assert.All(clocks, c => Assert.Equal(ClockStatus.Cancelled, c.State.Status));
    }

    [Fact]
    public void A_changed_policy_replayed_over_the_same_history_gives_the_same_answer_every_time()
    {
        TicketFact[] history = [new TicketLogged(Monday(9), P3Incident), new StatusChanged(Monday(13), TicketStatus.Resolved)];
        var stricter = new ServiceLevelPolicy("Standard", new(),
            [Target("SLA resolve", Agreement.Sla, TargetKind.Resolution, 3, Office)]);

        var before = TicketClocks.Evaluate(history, Policies, Monday(17));
        var replayed = TicketClocks.Evaluate(history, [stricter], Monday(17));
        var again = TicketClocks.Evaluate(history, [stricter], Monday(17));

        Assert.Equal(ClockStatus.Met, Clock(before, ClockScope.Sla, TargetKind.Resolution).Status);
        Assert.Equal(ClockStatus.Breached, Clock(replayed, ClockScope.Sla, TargetKind.Resolution).Status);
        Assert.Equal(Monday(12), Clock(again, ClockScope.Sla, TargetKind.Resolution).BreachedAt);
    }

    [Fact]
    public void A_ticket_no_policy_matches_has_no_clocks()
    {
        var onlyForVips = new ServiceLevelPolicy("VIP", new(Vip: true), [Target("SLA resolve", Agreement.Sla, TargetKind.Resolution, 2, Office)]);

        var clocks = TicketClocks.Evaluate([new TicketLogged(Monday(9), P3Incident)], [onlyForVips], Monday(12));

        Assert.Empty(clocks);
    }

    [Fact]
    public void History_before_the_ticket_was_logged_is_ignored()
    {
        TicketFact[] history = [new StatusChanged(Monday(8), TicketStatus.Resolved), new TicketLogged(Monday(9), P3Incident)];

        var clocks = TicketClocks.Evaluate(history, Policies, Monday(10));

        Assert.Equal(ClockStatus.Running, Clock(clocks, ClockScope.Sla, TargetKind.Resolution).Status);
    }
}
