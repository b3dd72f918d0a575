using BenchmarkDotNet.Attributes;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Bench;

/// <summary>
/// How many clock evaluations a node can do: the host evaluates clocks for every open ticket a queue shows, and the
/// replay of a changed policy evaluates every past ticket again.
/// </summary>
[MemoryDiagnoser]
public class ClockBenchmarks
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly BusinessCalendar Office = new(London, WorkingHours.MondayToFriday("08:00-12:00", "13:00-18:00"),
        holidays: [new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6)]);
    private static readonly BusinessCalendar Supplier = new(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), WorkingHours.MondayToFriday("09:00-17:00"));

    private static readonly ClockDefinition Resolution =
        new("Resolve", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(24), Office, [PendingReason.Requester]);

    private static readonly ServiceLevelPolicy[] Policies =
    [
        new("Standard", new(), [
            new("Respond", Agreement.Sla, TargetKind.FirstResponse, TimeSpan.FromHours(4), Office),
            Resolution,
            new("Group", Agreement.Ola, TargetKind.Resolution, TimeSpan.FromHours(8), Office, [PendingReason.Requester, PendingReason.Supplier]),
            new("Supplier", Agreement.Uc, TargetKind.Resolution, TimeSpan.FromHours(16), Supplier, [PendingReason.Requester]),
        ]),
        new("Critical", new(Priority: Priority.P1), [
            new("Respond P1", Agreement.Sla, TargetKind.FirstResponse, TimeSpan.FromMinutes(15), BusinessCalendar.AlwaysOpen),
            new("Resolve P1", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(4), BusinessCalendar.AlwaysOpen),
            new("Update P1", Agreement.Sla, TargetKind.UpdateCadence, TimeSpan.FromHours(1), BusinessCalendar.AlwaysOpen),
        ]),
        new("VIP", new(Vip: true), [new("Resolve VIP", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromHours(8), Office)]),
        new("Network", new(Group: "Network"), [new("Network", Agreement.Ola, TargetKind.Resolution, TimeSpan.FromHours(6), Office)]),
    ];

    // Two weeks over the spring DST change in London, with the waits a real ticket has.
    private static readonly DateTime Logged = new(2026, 3, 23, 9, 15, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Logged.AddDays(14);

    private static readonly ClockFact[] Facts =
    [
        new ClockStarted(Logged),
        new ClockPaused(Logged.AddHours(3), PendingReason.Requester),
        new ClockResumed(Logged.AddDays(1)),
        new ClockPaused(Logged.AddDays(2), PendingReason.Supplier),
        new ClockResumed(Logged.AddDays(4)),
        new ClockPaused(Logged.AddDays(5), PendingReason.Requester),
        new ClockResumed(Logged.AddDays(8)),
        new ClockStopped(Logged.AddDays(10)),
    ];

    private static readonly TicketFact[] History =
    [
        new TicketLogged(Logged, new PolicySubject(TicketKind.Incident, Priority.P3, 4, "Contoso", false), "Service desk"),
        new PublicReplied(Logged.AddMinutes(40)),
        new GroupChanged(Logged.AddHours(2), "Network"),
        new StatusChanged(Logged.AddHours(3), TicketStatus.Pending, PendingReason.Requester),
        new StatusChanged(Logged.AddDays(1), TicketStatus.InProgress),
        new SupplierEscalated(Logged.AddDays(1).AddHours(2), "Acme"),
        new StatusChanged(Logged.AddDays(2), TicketStatus.Pending, PendingReason.Supplier),
        new SupplierReplied(Logged.AddDays(3), "Acme"),
        new SupplierReturned(Logged.AddDays(4), "Acme"),
        new StatusChanged(Logged.AddDays(4), TicketStatus.InProgress),
        new PriorityChanged(Logged.AddDays(4).AddHours(1), Priority.P1),
        new PublicReplied(Logged.AddDays(4).AddHours(2)),
        new StatusChanged(Logged.AddDays(5), TicketStatus.Resolved),
    ];

    [Benchmark(Description = "Clock.Evaluate: one SLA clock, 8 facts, 2 weeks over DST")]
    public ClockState OneClock() => Clock.Evaluate(Resolution, Facts, Now);

    [Benchmark(Description = "TicketClocks.Evaluate: 13 history facts, 4 policies, SLA+OLA+UC")]
    public IReadOnlyList<ClockReport> WholeTicket() => TicketClocks.Evaluate(History, Policies, Now);

    [Benchmark(Description = "BusinessCalendar.AddWorkingTime: 40h on split shifts over DST")]
    public DateTime Deadline() => Office.AddWorkingTime(Logged, TimeSpan.FromHours(40));
}
