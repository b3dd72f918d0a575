using Frontline.Data;
using Frontline.Domain.ServiceLevels;
using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.ServiceLevels;

/// <summary>One service at one priority: the path its tickets take and where the OLAs and UCs fail to fit its SLA.</summary>
public sealed record AlignmentCase(Priority Priority, IReadOnlyList<AlignmentFinding> Findings);

public sealed record ServiceAlignmentView(int ServiceId, string Service, string? Group, IReadOnlyList<string> Suppliers, IReadOnlyList<AlignmentCase> Priorities)
{
    public int FindingCount => Priorities.Sum(p => p.Findings.Count);
}

/// <summary>
/// The domain's alignment check for every active service, over the path its incidents take: the service's default
/// group, then each supplier configured behind the service. Run before any ticket breaches because of a mismatch.
/// </summary>
public sealed class ServiceAlignment(FrontlineDb db, ServiceLevelSetup setup, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServiceAlignmentView>> CheckAsync(CancellationToken cancellationToken)
    {
        var services = await db.Services.AsNoTracking()
            .Where(s => s.IsActive)
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, Group = s.DefaultGroup != null ? s.DefaultGroup.Name : null })
            .ToListAsync(cancellationToken);
        var from = clock.GetUtcNow().UtcDateTime;
        var policies = NamedAfterPolicies(setup.Policies);
        return services.Select(s =>
        {
            var suppliers = setup.Suppliers.Where(p => p.Services.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).Select(p => p.Name).ToList();
            IReadOnlyList<string> groups = s.Group is null ? [] : [s.Group];
            var cases = Enum.GetValues<Priority>()
                .Select(p => new AlignmentCase(p, AlignmentCheck.CheckService(policies, new PolicySubject(TicketKind.Incident, p, s.Id, null, false), groups, suppliers, from)))
                .ToList();
            return new ServiceAlignmentView(s.Id, s.Name, s.Group, suppliers, cases);
        }).ToList();
    }

    /// <summary>
    /// The findings name targets by their clock's name, which on a ticket is just "Resolution" beside its scope; here the
    /// policy's name ("P2 office hours", "Network", "Acme Networks") says whose target it is.
    /// </summary>
    private static List<ServiceLevelPolicy> NamedAfterPolicies(IReadOnlyList<ServiceLevelPolicy> policies) =>
        policies.Select(p => new ServiceLevelPolicy(p.Name, p.When, p.Clocks
            .Select(c => new ClockDefinition(p.Name, c.Agreement, c.Kind, c.Target, c.Calendar, c.PausesOn, c.AtRiskThreshold))
            .ToList())).ToList();
}
