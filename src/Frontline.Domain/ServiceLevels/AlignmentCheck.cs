using System.Globalization;

namespace Frontline.Domain.ServiceLevels;

public enum FindingKind
{
    /// <summary>The underpinning targets add up to more working time than the SLA allows.</summary>
    TargetsExceedSla,

    /// <summary>For some arrival times, the underpinning clocks run back to back end after the SLA is due.</summary>
    ChainOverrunsSla,

    /// <summary>The SLA's clock runs while a group or supplier does not work (clock mismatch).</summary>
    HoursGap,

    /// <summary>A group or supplier the service relies on has no resolution target at all.</summary>
    NoTarget,
}

/// <summary>One way the OLAs and UCs of a service fail to fit its SLA, said so that a service owner can act on it.</summary>
public sealed record AlignmentFinding(FindingKind Kind, string About, string Message);

/// <summary>
/// Checks that a service's OLAs and UCs fit inside its SLA. The underpinning targets are taken as a chain a ticket
/// passes through one after the other (desk, resolver group, supplier), each on its own calendar; that is the
/// worst path, and a chain of one checks a single target.
/// </summary>
public static class AlignmentCheck
{
    // Arrival times are tried every half hour: fine enough to land in every shift a desk actually has.
    private static readonly TimeSpan ArrivalStep = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Checks one service as its tickets are routed: the resolution SLA the policies choose for <paramref name="subject"/>
    /// against the resolution OLAs of <paramref name="groups"/> and UCs of <paramref name="suppliers"/>, in that order.
    /// A service with no resolution SLA has nothing to fit into.
    /// </summary>
    public static IReadOnlyList<AlignmentFinding> CheckService(
        IReadOnlyList<ServiceLevelPolicy> policies,
        PolicySubject subject,
        IReadOnlyList<string> groups,
        IReadOnlyList<string> suppliers,
        DateTime fromUtc,
        int days = 14)
    {
        if (ResolutionTarget(policies, subject, ClockScope.Sla) is not { } sla)
        {
            return [];
        }
        var scopes = groups.Select(ClockScope.Group).Concat(suppliers.Select(s => ClockScope.Supplier(s))).ToList();
        var targets = scopes.Select(scope => (scope, Target: ResolutionTarget(policies, subject, scope))).ToList();
        var missing = targets
            .Where(t => t.Target is null)
            .Select(t => new AlignmentFinding(FindingKind.NoTarget, t.scope.Name!, $"{t.scope} has no resolution target, so nothing holds it to {sla.Name}."));
        return [.. missing, .. Check(sla, [.. targets.Select(t => t.Target).OfType<ClockDefinition>()], fromUtc, days)];
    }

    private static ClockDefinition? ResolutionTarget(IReadOnlyList<ServiceLevelPolicy> policies, PolicySubject subject, ClockScope scope) =>
        PolicyChooser.Choose(policies, subject, scope)?.Clocks
            .FirstOrDefault(c => c.Agreement == scope.Agreement && c.Kind == TargetKind.Resolution);

    /// <summary>Checks over the <paramref name="days"/> days from <paramref name="fromUtc"/> (two weeks catch weekly patterns and a holiday or two).</summary>
    public static IReadOnlyList<AlignmentFinding> Check(
        ClockDefinition sla, IReadOnlyList<ClockDefinition> underpinning, DateTime fromUtc, int days = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        // From the SLA's local midnight, so that the first day is whole and reads like the others.
        var start = BusinessCalendar.Utc(fromUtc);
        var from = start - TimeZoneInfo.ConvertTimeFromUtc(start, sla.Calendar.TimeZone).TimeOfDay;
        var to = from.AddDays(days);
        var findings = new List<AlignmentFinding>();
        var total = new TimeSpan(underpinning.Sum(u => u.Target.Ticks));
        if (total > sla.Target)
        {
            findings.Add(new(FindingKind.TargetsExceedSla, sla.Name,
                $"{Describe(underpinning)} add up to {Duration(total)}, more than the {Duration(sla.Target)} of {sla.Name}."));
        }
        var chains = underpinning.Count > 1
            ? underpinning.Select(u => (IReadOnlyList<ClockDefinition>)[u]).Append(underpinning)
            : underpinning.Select(u => (IReadOnlyList<ClockDefinition>)[u]);
        foreach (var chain in chains)
        {
            if (WorstOverrun(sla, chain, from, to) is { } finding)
            {
                findings.Add(finding);
            }
        }
        foreach (var target in underpinning)
        {
            if (HoursGap(sla, target, from, to, days) is { } finding)
            {
                findings.Add(finding);
            }
        }
        return findings;
    }

    private static AlignmentFinding? WorstOverrun(ClockDefinition sla, IReadOnlyList<ClockDefinition> chain, DateTime from, DateTime to)
    {
        var (overruns, tried) = (0, 0);
        (DateTime Arrival, DateTime SlaDue, DateTime ChainEnd)? worst = null;
        for (var arrival = from; arrival < to; arrival += ArrivalStep, tried++)
        {
            var slaDue = sla.Calendar.AddWorkingTime(arrival, sla.Target);
            var chainEnd = chain.Aggregate(arrival, (start, link) => link.Calendar.AddWorkingTime(start, link.Target));
            if (chainEnd <= slaDue)
            {
                continue;
            }
            overruns++;
            if (worst is not { } w || chainEnd - slaDue > w.ChainEnd - w.SlaDue)
            {
                worst = (arrival, slaDue, chainEnd);
            }
        }
        if (worst is not { } found)
        {
            return null;
        }
        var zone = sla.Calendar.TimeZone;
        return new(FindingKind.ChainOverrunsSla, chain.Count == 1 ? chain[0].Name : sla.Name,
            $"{Describe(chain)} can end after {sla.Name} is due: for {overruns} of {tried} arrival times tried. "
            + $"At worst a ticket arriving {Local(found.Arrival, zone)} is due {Local(found.SlaDue, zone)} "
            + $"but {(chain.Count == 1 ? "it" : "the chain")} may take until {Local(found.ChainEnd, zone)} ({zone.Id}).");
    }

    private static AlignmentFinding? HoursGap(ClockDefinition sla, ClockDefinition target, DateTime from, DateTime to, int days)
    {
        var gaps = Subtract(sla.Calendar.WorkingIntervals(from, to), target.Calendar.WorkingIntervals(from, to).ToList());
        if (gaps.Count == 0)
        {
            return null;
        }
        var zone = sla.Calendar.TimeZone;
        var localGaps = gaps.SelectMany(gap => SplitAtLocalMidnight(gap, zone)).ToList();
        var weeks = days / 7;
        // A gap seen on every such weekday of the window is the normal week; anything else is a dated one-off.
        var described = localGaps
            .GroupBy(g => (g.Start.DayOfWeek, From: g.Start.TimeOfDay, To: g.End - g.Start.Date))
            .OrderBy(g => ((int)g.Key.DayOfWeek + 6) % 7).ThenBy(g => g.Key.From)
            .Select(g => weeks >= 1 && g.Count() >= weeks
                ? $"{Day(g.Key.DayOfWeek)} {Shift(g.Key.From, g.Key.To)}"
                : string.Join(", ", g.Select(d => $"{Date(d.Start)} {Shift(g.Key.From, g.Key.To)}")));
        var uncovered = new TimeSpan(gaps.Sum(g => g.Length.Ticks));
        return new(FindingKind.HoursGap, target.Name,
            $"{target.Name} does not work while {sla.Name} runs on {string.Join("; ", described)} ({zone.Id}): "
            + $"{Duration(uncovered)} uncovered in the {days} days checked.");
    }

    /// <summary>The parts of <paramref name="working"/> that <paramref name="covered"/> (ordered, merged) leaves out.</summary>
    private static List<WorkingInterval> Subtract(IEnumerable<WorkingInterval> working, List<WorkingInterval> covered)
    {
        var gaps = new List<WorkingInterval>();
        var next = 0;
        foreach (var interval in working)
        {
            var cursor = interval.Start;
            while (next < covered.Count && covered[next].End <= cursor)
            {
                next++;
            }
            for (var i = next; i < covered.Count && covered[i].Start < interval.End; i++)
            {
                if (covered[i].Start > cursor)
                {
                    gaps.Add(new(cursor, covered[i].Start));
                }
                cursor = covered[i].End > cursor ? covered[i].End : cursor;
            }
            if (cursor < interval.End)
            {
                gaps.Add(new(cursor, interval.End));
            }
        }
        return gaps;
    }

    private static IEnumerable<(DateTime Start, DateTime End)> SplitAtLocalMidnight(WorkingInterval gap, TimeZoneInfo zone)
    {
        var (start, end) = (TimeZoneInfo.ConvertTimeFromUtc(gap.Start, zone), TimeZoneInfo.ConvertTimeFromUtc(gap.End, zone));
        while (start.Date < end.Date)
        {
            yield return (start, start.Date.AddDays(1));
            start = start.Date.AddDays(1);
        }
        if (start < end)
        {
            yield return (start, end);
        }
    }

    private static string Describe(IReadOnlyList<ClockDefinition> chain) =>
        string.Join(" then ", chain.Select(c => $"{c.Agreement.ToString().ToUpperInvariant()} {c.Name} ({Duration(c.Target)})"));

    private static string Shift(TimeSpan from, TimeSpan to) => new Shift(from, to).ToString();

    private static string Day(DayOfWeek day) => day.ToString()[..3];

    private static string Date(DateTime local) => local.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span.Minutes == 0
        ? FormattableString.Invariant($"{(int)span.TotalHours}h")
        : FormattableString.Invariant($"{(int)span.TotalHours}h {span.Minutes:00}m");
}
