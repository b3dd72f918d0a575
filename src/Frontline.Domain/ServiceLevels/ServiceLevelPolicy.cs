using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>What a policy is chosen on: the ticket's kind, priority and service, and its requester.</summary>
public sealed record PolicySubject(TicketKind Kind, Priority Priority, int? ServiceId, string? Organisation, bool IsVip);

/// <summary>When a policy applies; a null condition matches anything.</summary>
public sealed record PolicyConditions(
    TicketKind? Kind = null,
    Priority? Priority = null,
    int? ServiceId = null,
    string? Organisation = null,
    bool? Vip = null)
{
    public bool Match(PolicySubject subject) =>
        (Kind is null || Kind == subject.Kind)
        && (Priority is null || Priority == subject.Priority)
        && (ServiceId is null || ServiceId == subject.ServiceId)
        && (Organisation is null || string.Equals(Organisation.Trim(), subject.Organisation?.Trim(), StringComparison.OrdinalIgnoreCase))
        && (Vip is null || Vip == subject.IsVip);

    /// <summary>
    /// How narrow the conditions are: more conditions first; between as many, a narrower kind of condition first
    /// (service, then organisation, VIP, priority, ticket kind), as a bit mask ordered that way.
    /// </summary>
    internal (int Count, int Weight) Specificity()
    {
        bool[] set = [ServiceId is not null, Organisation is not null, Vip is not null, Priority is not null, Kind is not null];
        return (set.Count(s => s), set.Aggregate(0, (weight, s) => (weight << 1) | (s ? 1 : 0)));
    }
}

/// <summary>A named set of targets (response, resolution, update cadence) and when it applies.</summary>
public sealed record ServiceLevelPolicy(string Name, PolicyConditions When, IReadOnlyList<ClockDefinition> Clocks);

public static class PolicyChooser
{
    /// <summary>
    /// The most specific matching policy, or null when none matches. Ties between equally specific policies go to
    /// the name in ordinal order, so the answer never depends on the order the policies were loaded in.
    /// </summary>
    public static ServiceLevelPolicy? Choose(IEnumerable<ServiceLevelPolicy> policies, PolicySubject subject) =>
        policies
            .Where(p => p.When.Match(subject))
            .OrderByDescending(p => p.When.Specificity())
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
