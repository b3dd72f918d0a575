using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

public class AlignmentCheckTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly BusinessCalendar Office = new(London, WorkingHours.MondayToFriday("09:00-17:00"));
    private static readonly DateTime From = new(2026, 1, 12, 0, 0, 0, DateTimeKind.Utc);

    private static ClockDefinition Resolve(string name, Agreement agreement, double hours, BusinessCalendar calendar) =>
        new(name, agreement, TargetKind.Resolution, TimeSpan.FromHours(hours), calendar);

    [Fact]
    public void Targets_that_fit_on_the_same_calendar_raise_nothing()
    {
        var sla = Resolve("Email SLA", Agreement.Sla, 16, Office);

        var findings = AlignmentCheck.Check(sla, [Resolve("Desk", Agreement.Ola, 4, Office), Resolve("Messaging", Agreement.Ola, 8, Office)], From);

        Assert.Empty(findings);
    }

    [Fact]
    public void Underpinning_targets_adding_up_to_more_than_the_sla_are_reported()
    {
        var sla = Resolve("Email SLA", Agreement.Sla, 8, Office);

        var findings = AlignmentCheck.Check(sla, [Resolve("Messaging", Agreement.Ola, 6, Office), Resolve("Acme", Agreement.Uc, 4, Office)], From);

        var exceed = Assert.Single(findings, f => f.Kind == FindingKind.TargetsExceedSla);
        Assert.Contains("10h", exceed.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Kind == FindingKind.ChainOverrunsSla);
    }

    [Fact]
    public void A_supplier_working_shorter_hours_than_the_sla_is_a_clock_mismatch()
    {
        var sla = Resolve("Payroll SLA", Agreement.Sla, 8, new BusinessCalendar(London, WorkingHours.MondayToFriday("08:00-18:00")));
        var supplier = Resolve("Acme", Agreement.Uc, 4, new BusinessCalendar(London, WorkingHours.MondayToFriday("09:00-17:00")));

        var findings = AlignmentCheck.Check(sla, [supplier], From);

        var gap = Assert.Single(findings, f => f.Kind == FindingKind.HoursGap);
        Assert.Equal("Acme", gap.About);
        Assert.Contains("Mon 08:00–09:00", gap.Message, StringComparison.Ordinal);
        Assert.Contains("Fri 17:00–18:00", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supplier_on_another_time_zone_can_leave_the_sla_uncovered_and_end_late()
    {
        var sla = Resolve("VPN SLA", Agreement.Sla, 6, Office);
        var newYork = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), WorkingHours.MondayToFriday("09:00-17:00"));

        var findings = AlignmentCheck.Check(sla, [Resolve("NetCo", Agreement.Uc, 4, newYork)], From);

        Assert.Contains(findings, f => f.Kind == FindingKind.HoursGap && f.Message.Contains("09:00–14:00", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Kind == FindingKind.ChainOverrunsSla);
    }

    [Fact]
    public void A_one_off_closure_of_the_supplier_is_reported_by_its_date()
    {
        var sla = Resolve("Email SLA", Agreement.Sla, 16, Office);
        var closed = new BusinessCalendar(London, WorkingHours.MondayToFriday("09:00-17:00"), holidays: [new DateOnly(2026, 1, 14)]);

        var findings = AlignmentCheck.Check(sla, [Resolve("Acme", Agreement.Uc, 2, closed)], From);

        var gap = Assert.Single(findings, f => f.Kind == FindingKind.HoursGap);
        Assert.Contains("Wed 2026-01-14 09:00–17:00", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_is_checked_with_the_targets_its_policies_choose_and_a_group_without_one_is_named()
    {
        var subject = new PolicySubject(TicketKind.Incident, Priority.P2, ServiceId: 12, "Contoso", IsVip: false);
        ServiceLevelPolicy[] policies =
        [
            new("Email", new(ServiceId: 12), [Resolve("Email SLA", Agreement.Sla, 8, Office)]),
            new("Messaging", new(Group: "Messaging"), [Resolve("Messaging OLA", Agreement.Ola, 6, Office)]),
            new("Acme", new(Supplier: "Acme"), [Resolve("Acme UC", Agreement.Uc, 4, Office)]),
        ];

        var findings = AlignmentCheck.CheckService(policies, subject, ["Service desk", "Messaging"], ["Acme"], From);

        Assert.Contains(findings, f => f.Kind == FindingKind.NoTarget && f.About == "Service desk");
        Assert.Contains(findings, f => f.Kind == FindingKind.TargetsExceedSla);
    }
}
