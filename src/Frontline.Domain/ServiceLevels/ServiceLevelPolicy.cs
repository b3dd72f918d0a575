using Frontline.Domain.Tickets;

namespace Frontline.Domain.ServiceLevels;

/// <summary>What a policy is chosen on: the ticket's kind, priority and service, and its requester.</summary>
public sealed record PolicySubject(TicketKind Kind, Priority Priority, int? ServiceId, string? Organisation, bool IsVip);

/// <summary>
/// Whose clocks a policy is chosen for: the requester's (SLA), one group's (OLA) or one escalation to a supplier (UC).
/// <see cref="Occurrence"/> tells apart escalations to the same supplier, from 1.
/// </summary>
public readonly record struct ClockScope(Agreement Agreement, string? Name = null, int Occurrence = 1)
{
    public static ClockScope Sla { get; } = new(Agreement.Sla);

    public static ClockScope Group(string group) => new(Agreement.Ola, group);

    public static ClockScope Supplier(string supplier, int occurrence = 1) => new(Agreement.Uc, supplier, occurrence);

    public override string ToString() => Agreement switch
    {
        Agreement.Sla => "SLA",
        Agreement.Ola => $"OLA {Name}",
        _ => Occurrence == 1 ? $"UC {Name}" : $"UC {Name} #{Occurrence}",
    };
}

/// <summary>When a policy applies; a null condition matches anything.</summary>
/// <param name="Group">Only for this group's OLA.</param>
/// <param name="Supplier">Only for escalations to this supplier (its UC).</param>
public sealed record PolicyConditions(
    TicketKind? Kind = null,
    Priority? Priority = null,
    int? ServiceId = null,
    string? Organisation = null,
    bool? Vip = null,
    string? Group = null,
    string? Supplier = null)
{
    public bool Match(PolicySubject subject, ClockScope scope) =>
        (Kind is null || Kind == subject.Kind)
        && (Priority is null || Priority == subject.Priority)
        && (ServiceId is null || ServiceId == subject.ServiceId)
        && (Organisation is null || SameName(Organisation, subject.Organisation))
        && (Vip is null || Vip == subject.IsVip)
        && (Group is null || (scope.Agreement == Agreement.Ola && SameName(Group, scope.Name)))
        && (Supplier is null || (scope.Agreement == Agreement.Uc && SameName(Supplier, scope.Name)));

    /// <summary>
    /// How narrow the conditions are: more conditions first; between as many, a narrower kind of condition first
    /// (group or supplier, then service, organisation, VIP, priority, ticket kind), as a bit mask ordered that way.
    /// </summary>
    internal (int Count, int Weight) Specificity()
    {
        bool[] set = [Group is not null || Supplier is not null, ServiceId is not null, Organisation is not null, Vip is not null, Priority is not null, Kind is not null];
        return (set.Count(s => s), set.Aggregate(0, (weight, s) => (weight << 1) | (s ? 1 : 0)));
    }

    private static bool SameName(string wanted, string? given) =>
        string.Equals(wanted.Trim(), given?.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A named set of targets (response, resolution, update cadence) and when it applies. One policy may hold targets of
/// several agreements (an SLA and the default OLA for P1 incidents, say); each agreement is chosen on its own.
/// </summary>
public sealed record ServiceLevelPolicy
{
    public ServiceLevelPolicy(string name, PolicyConditions when, IReadOnlyList<ClockDefinition> clocks)
    {
        // Two resolution targets for one agreement would leave it to chance which one a ticket is held to.
        if (clocks.GroupBy(c => (c.Agreement, c.Kind)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Policy {name} has two {twice.Key.Agreement} {twice.Key.Kind} targets.", nameof(clocks));
        }
        Name = name;
        When = when;
        Clocks = clocks;
    }

    public string Name { get; }

    public PolicyConditions When { get; }

    public IReadOnlyList<ClockDefinition> Clocks { get; }
}

public static class PolicyChooser
{
    /// <summary>
    /// The most specific policy that matches and has targets for the scope's agreement, or null when none does.
    /// Ties between equally specific policies go to the name in ordinal order, so the answer never depends on the
    /// order the policies were loaded in.
    /// </summary>
    public static ServiceLevelPolicy? Choose(IEnumerable<ServiceLevelPolicy> policies, PolicySubject subject, ClockScope scope) =>
        policies
            .Where(p => p.Clocks.Any(c => c.Agreement == scope.Agreement) && p.When.Match(subject, scope))
            .OrderByDescending(p => p.When.Specificity())
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
