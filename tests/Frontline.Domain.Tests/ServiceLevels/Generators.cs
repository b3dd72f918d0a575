using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;

namespace Frontline.Domain.Tests.ServiceLevels;

/// <summary>One clock's facts and the instant asked about.</summary>
public sealed record ClockCase(ClockDefinition Definition, IReadOnlyList<ClockFact> Facts, DateTime Now)
{
    public override string ToString() =>
        $"{Generators.Describe(Definition)}\n  facts: {string.Join(", ", Facts.Select(Generators.Describe))}\n  now {Now:u}";
}

/// <summary>
/// Random clocks: definitions on random calendars (holidays, special days, shifts in the small hours), facts that
/// start, pause, resume, stop, cancel, restart and re-target them, all within days of a zone's offset change.
/// </summary>
public static class Generators
{
    public static readonly string[] Zones =
        ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];

    private static readonly Dictionary<string, DateTime[]> Changes = Zones.ToDictionary(z => z, OffsetChanges);

    public static Arbitrary<ClockCase> Clocks() => Arb.From(
        from zone in Gen.Elements(Zones)
        from definitions in Gen.ArrayOf(Definition(zone), 3)
        from start in Around(zone)
        from facts in Gen.ListOf(Fact(start, definitions))
        from nowMinutes in Minutes(0, 6 * 24 * 60)
        let started = (IReadOnlyList<ClockFact>)[new ClockStarted(start), .. facts.OrderBy(f => f.At)]
        from edge in Gen.Frequency((3, Gen.Constant(Edge.None)), (1, Gen.Elements(Enum.GetValues<Edge>())))
        from later in Minutes(0, 2 * 24 * 60)
        select OnEdge(new ClockCase(definitions[0], started, start.AddMinutes(nowMinutes)), edge, later));

    /// <summary>The reference counts whole minutes, and a fraction of a target need not be one.</summary>
    private static DateTime WholeMinute(DateTime instant) =>
        new(((instant.Ticks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute) * TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    private enum Edge
    {
        None,
        StopAtDeadline,
        PauseAtDeadline,
        NowAtDeadline,
        NowAtRisk,
    }

    /// <summary>
    /// Moves the case onto the instant where the engine says the clock runs out, where off-by-one rules live. The
    /// engine only picks the instant; the reference still judges it on its own.
    /// </summary>
    private static ClockCase OnEdge(ClockCase c, Edge edge, int laterMinutes)
    {
        var state = Clock.Evaluate(c.Definition, c.Facts, c.Now);
        var before = (DateTime at) => (IReadOnlyList<ClockFact>)[.. c.Facts.Where(f => f.At < at)];
        return (edge, state.Deadline, state.AtRiskAt) switch
        {
            (Edge.StopAtDeadline, { } d, _) when d > c.Facts[0].At =>
                c with { Facts = [.. before(d), new ClockStopped(d)], Now = d.AddMinutes(laterMinutes) },
            (Edge.PauseAtDeadline, { } d, _) when d > c.Facts[0].At =>
                c with { Facts = [.. before(d), new ClockPaused(d, PendingReason.Requester)], Now = d.AddMinutes(laterMinutes) },
            (Edge.NowAtDeadline, { } d, _) when d > c.Facts[0].At => c with { Facts = before(d), Now = d },
            (Edge.NowAtRisk, _, { } risk) when risk > c.Facts[0].At => c with { Facts = before(risk), Now = WholeMinute(risk) },
            _ => c,
        };
    }

    public static string Describe(BusinessCalendar calendar) =>
        $"{calendar.TimeZone.Id} [{calendar.Hours}] holidays {string.Join(",", calendar.Holidays.Select(Day))} "
        + $"special {string.Join(",", calendar.SpecialDays.Select(d => $"{Day(d.Key)} {string.Join("+", d.Value)}"))}";

    public static string Describe(ClockDefinition definition) =>
        $"{definition.Name} target {definition.Target} pauses on {string.Join("/", definition.PausesOn)} at risk {definition.AtRiskThreshold} on {Describe(definition.Calendar)}";

    public static string Describe(ClockFact fact) => fact switch
    {
        ClockPaused p => $"Paused({p.Reason}) {p.At:u}",
        ClockRetargeted r => $"Retargeted({r.Definition.Name}) {r.At:u}",
        _ => $"{fact.GetType().Name[5..]} {fact.At:u}",
    };

    private static Gen<ClockDefinition> Definition(string zone) =>
        from name in Gen.Choose(1, 999)
        from calendar in Calendar(zone)
        from target in Minutes(1, 40 * 60)
        from pauses in Gen.SubListOf(Enum.GetValues<PendingReason>())
        from threshold in Gen.Elements(0.5, 0.75, 0.8, 0.9, 1.0)
        select new ClockDefinition($"def{name}", Agreement.Sla, TargetKind.Resolution, TimeSpan.FromMinutes(target), calendar, pauses, threshold);

    private static Gen<ClockFact> Fact(DateTime start, ClockDefinition[] definitions) =>
        from minutes in Minutes(0, 5 * 24 * 60)
        let at = start.AddMinutes(minutes)
        from fact in Gen.Frequency(
            (4, Gen.Elements(PendingReason.Requester, PendingReason.Supplier, PendingReason.Change).Select(r => (ClockFact)new ClockPaused(at, r))),
            (4, Gen.Constant((ClockFact)new ClockResumed(at))),
            (1, Gen.Constant((ClockFact)new ClockStarted(at))),
            (1, Gen.Constant((ClockFact)new ClockStopped(at))),
            (1, Gen.Constant((ClockFact)new ClockCancelled(at))),
            (1, Gen.Constant((ClockFact)new ClockRestarted(at))),
            (2, Gen.Elements(definitions).Select(d => (ClockFact)new ClockRetargeted(at, d))))
        select fact;

    /// <summary>
    /// Mostly on quarter hours, like the shifts, so that facts land on shift edges and stops land exactly on
    /// deadlines often enough to test which side of the line they fall.
    /// </summary>
    internal static Gen<int> Minutes(int least, int most) => Gen.Frequency(
        (3, Gen.Choose(least / 15, most / 15).Select(q => Math.Max(least, q * 15))),
        (1, Gen.Choose(least, most)));

    /// <summary>A calendar with a few shifts a day on quarter hours, biased to the small hours where clocks change.</summary>
    internal static Gen<BusinessCalendar> Calendar(string zone) =>
        from always in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from week in Gen.ArrayOf(Day(), 7)
        from near in Around(zone)
        from holidays in Gen.ListOf(Gen.Choose(-6, 6).Select(d => DateOnly.FromDateTime(near).AddDays(d)))
        from special in Gen.ListOf(Gen.Zip(Gen.Choose(-6, 6), Day()))
        let hours = always ? WorkingHours.Always : Enumerable.Range(0, 7).Aggregate(WorkingHours.Closed, (h, d) => h.With((DayOfWeek)d, week[d]))
        let specialDays = special
            .DistinctBy(s => s.Item1)
            .Select(s => new SpecialDay(DateOnly.FromDateTime(near).AddDays(s.Item1), s.Item2))
        select new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById(zone),
            hours.WeeklyTotal == TimeSpan.Zero ? hours.With(DayOfWeek.Wednesday, "09:00-17:00") : hours,
            holidays, specialDays);

    private static Gen<Shift[]> Day() =>
        from count in Gen.Frequency((2, Gen.Constant(0)), (4, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
        from points in Gen.ArrayOf(Gen.Frequency((3, Gen.Choose(0, 16)), (3, Gen.Choose(0, 96))), count * 2)
        select Pair(points.Distinct().Order().ToArray());

    private static Shift[] Pair(int[] quarters) =>
        Enumerable.Range(0, quarters.Length / 2)
            .Select(i => new Shift(TimeSpan.FromMinutes(15 * quarters[2 * i]), TimeSpan.FromMinutes(15 * quarters[(2 * i) + 1])))
            .ToArray();

    /// <summary>A whole UTC minute within four days of one of the zone's offset changes (or anywhere, for zones without).</summary>
    internal static Gen<DateTime> Around(string zone) =>
        Changes[zone].Length == 0
            ? Gen.Choose(0, 2 * 365 * 24 * 60).Select(m => new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(m))
            : from change in Gen.Elements(Changes[zone])
              from minutes in Gen.Choose(-4 * 24 * 60, 4 * 24 * 60)
              select change.AddMinutes(minutes);

    private static DateTime[] OffsetChanges(string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var changes = new List<DateTime>();
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var t = start; t < start.AddYears(2); t = t.AddMinutes(30))
        {
            if (tz.GetUtcOffset(t) != tz.GetUtcOffset(t.AddMinutes(30)))
            {
                changes.Add(t.AddMinutes(30));
            }
        }
        return [.. changes];
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
