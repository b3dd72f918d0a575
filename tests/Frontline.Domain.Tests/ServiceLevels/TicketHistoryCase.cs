using FsCheck;
using FsCheck.Fluent;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>A random ticket history under one set of policies: statuses, groups, priorities, replies, escalations.</summary>
public sealed record TicketHistoryCase(
    BusinessCalendar Desk,
    BusinessCalendar Supplier,
    PendingReason[] SlaPauses,
    PendingReason[] OlaPauses,
    PendingReason[] UcPauses,
    IReadOnlyList<TicketFact> History,
    DateTime Now)
{
    public static readonly string[] Groups = ["Desk", "Network", "Apps"];
    public static readonly string[] Suppliers = ["Acme", "Globex"];

    /// <summary>Targets differ by priority; calendars and pause rules do not, so elapsed time never depends on the priority.</summary>
    public IReadOnlyList<ServiceLevelPolicy> Policies() =>
        Enum.GetValues<Priority>().Select(p => new ServiceLevelPolicy($"{p}", new(Priority: p),
        [
            Target(Agreement.Sla, TargetKind.FirstResponse, (int)p, Desk, SlaPauses),
            Target(Agreement.Sla, TargetKind.Resolution, 4 * (int)p, Desk, SlaPauses),
            Target(Agreement.Ola, TargetKind.Resolution, 2 * (int)p, Desk, OlaPauses),
            Target(Agreement.Uc, TargetKind.Resolution, 3 * (int)p, Supplier, UcPauses),
        ])).ToList();

    public override string ToString() =>
        $"desk {Generators.Describe(Desk)}\n  supplier {Generators.Describe(Supplier)}\n  pauses SLA {string.Join("/", SlaPauses)} OLA {string.Join("/", OlaPauses)} UC {string.Join("/", UcPauses)}"
        + $"\n  history: {string.Join(", ", History)}\n  now {Now:u}";

    public static Gen<TicketHistoryCase> Generator { get; } =
        from zone in Gen.Elements(Generators.Zones)
        from desk in Generators.Calendar(zone)
        from supplierZone in Gen.Elements(Generators.Zones)
        from supplier in Generators.Calendar(supplierZone)
        from slaPauses in Gen.SubListOf(Enum.GetValues<PendingReason>())
        from olaPauses in Gen.SubListOf(Enum.GetValues<PendingReason>())
        from ucPauses in Gen.SubListOf(Enum.GetValues<PendingReason>())
        from logged in Generators.Around(zone)
        from priority in Gen.Elements(Enum.GetValues<Priority>())
        from firstGroup in Gen.Elements<string?>([.. Groups, null])
        from facts in Gen.ListOf(Fact(logged))
        from now in Generators.Minutes(0, 6 * 24 * 60)
        select new TicketHistoryCase(desk, supplier, [.. slaPauses], [.. olaPauses], [.. ucPauses],
            [new TicketLogged(logged, new PolicySubject(TicketKind.Incident, priority, 1, "Contoso", false), firstGroup), .. UpToCancel(facts)],
            logged.AddMinutes(now));

    /// <summary>A cancelled ticket is final: nothing happens to it afterwards.</summary>
    private static IEnumerable<TicketFact> UpToCancel(IEnumerable<TicketFact> facts)
    {
        foreach (var fact in facts.OrderBy(f => f.At))
        {
            yield return fact;
            if (fact is StatusChanged { Status: TicketStatus.Cancelled })
            {
                yield break;
            }
        }
    }

    private static ClockDefinition Target(Agreement agreement, TargetKind kind, int hours, BusinessCalendar calendar, PendingReason[] pauses) =>
        new($"{agreement} {kind}", agreement, kind, TimeSpan.FromHours(hours), calendar, pauses);

    private static Gen<TicketFact> Fact(DateTime logged) =>
        from minutes in Generators.Minutes(0, 5 * 24 * 60)
        let at = logged.AddMinutes(minutes)
        from fact in Gen.Frequency(
            (6, Gen.Elements(TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed)
                .Select(s => (TicketFact)new StatusChanged(at, s))),
            (5, Gen.Elements(Enum.GetValues<PendingReason>()).Select(r => (TicketFact)new StatusChanged(at, TicketStatus.Pending, r))),
            (1, Gen.Constant((TicketFact)new StatusChanged(at, TicketStatus.Cancelled))),
            (4, Gen.Elements<string?>([.. Groups, null]).Select(g => (TicketFact)new GroupChanged(at, g))),
            (2, Gen.Elements(Enum.GetValues<Priority>()).Select(p => (TicketFact)new PriorityChanged(at, p))),
            (2, Gen.Constant((TicketFact)new PublicReplied(at))),
            (3, Gen.Elements(Suppliers).Select(s => (TicketFact)new SupplierEscalated(at, s))),
            (2, Gen.Elements(Suppliers).Select(s => (TicketFact)new SupplierReturned(at, s))))
        select fact;
}

/// <summary>
/// The documented rules, read literally and counted minute by minute: the SLA runs while the ticket is open, a
/// group's OLA while that group holds the open ticket, a UC while its escalation is open, each paused while the
/// ticket waits for a reason it pauses on; the first response runs until the first reply or the ticket closes.
/// </summary>
internal static class TicketMinuteReference
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static Dictionary<string, (TimeSpan Elapsed, TimeSpan Paused)> Elapsed(TicketHistoryCase c)
    {
        var history = c.History.Where(f => f.At <= c.Now).OrderBy(f => f.At).ToList();
        var totals = new Dictionary<string, (TimeSpan Elapsed, TimeSpan Paused)>();
        var status = TicketStatus.New;
        PendingReason? reason = null;
        string? group = null;
        var answered = false;
        var open = new Dictionary<string, int>();
        var occurrences = new Dictionary<string, int>();
        var next = 0;
        for (var t = history[0].At; t < c.Now; t += Minute)
        {
            for (; next < history.Count && history[next].At == t; next++)
            {
                switch (history[next])
                {
                    case TicketLogged logged:
                        group = logged.Group;
                        break;
                    case StatusChanged changed:
                        (status, reason) = (changed.Status, changed.Status == TicketStatus.Pending ? changed.Reason : null);
                        answered |= !status.IsOpen();
                        if (!status.IsOpen())
                        {
                            open.Clear();
                        }
                        break;
                    case GroupChanged moved:
                        group = moved.Group;
                        break;
                    case PublicReplied when status.IsOpen():
                        answered = true;
                        break;
                    case SupplierEscalated escalated when status.IsOpen() && !open.ContainsKey(escalated.Supplier):
                        open[escalated.Supplier] = occurrences[escalated.Supplier] = occurrences.GetValueOrDefault(escalated.Supplier) + 1;
                        break;
                    case SupplierReturned returned:
                        open.Remove(returned.Supplier);
                        break;
                }
            }
            if (!status.IsOpen())
            {
                continue;
            }
            if (!answered)
            {
                Count(totals, "SLA FirstResponse", c.Desk, c.SlaPauses, reason, t);
            }
            Count(totals, "SLA Resolution", c.Desk, c.SlaPauses, reason, t);
            if (group is not null)
            {
                Count(totals, $"OLA {group} Resolution", c.Desk, c.OlaPauses, reason, t);
            }
            foreach (var (supplier, occurrence) in open)
            {
                Count(totals, $"{ClockScope.Supplier(supplier, occurrence)} Resolution", c.Supplier, c.UcPauses, reason, t);
            }
        }
        return totals;
    }

    private static void Count(Dictionary<string, (TimeSpan Elapsed, TimeSpan Paused)> totals, string clock, BusinessCalendar calendar,
        PendingReason[] pauses, PendingReason? reason, DateTime minute)
    {
        var worked = MinuteReference.IsWorking(calendar, minute) ? Minute : TimeSpan.Zero;
        var (elapsed, paused) = totals.GetValueOrDefault(clock);
        totals[clock] = reason is { } r && pauses.Contains(r) ? (elapsed, paused + worked) : (elapsed + worked, paused);
    }
}

public static class TicketArbitraries
{
    public static Arbitrary<TicketHistoryCase> Histories() => TicketHistoryCase.Generator.ToArbitrary();
}
