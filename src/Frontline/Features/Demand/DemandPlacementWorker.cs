using Frontline.Features.Operations;

namespace Frontline.Features.Demand;

public sealed record DemandPlacementSchedule(TimeSpan Every);

/// <summary>
/// Places tickets that arrived since the last round in their nearest pattern. Two nodes placing at once are
/// safe: the placement watermark moves for one of them only, and a failed round leaves it where it was.
/// </summary>
public sealed class DemandPlacementWorker(IServiceScopeFactory scopes, DemandPlacementSchedule schedule, TimeProvider clock, ILogger<DemandPlacementWorker> logger)
    : PeriodicWorker(scopes, schedule.Every, clock, logger)
{
    protected override string RoundFailed => "New tickets could not be placed in their demand patterns this round";

    protected override Task RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DemandPatterns>().PlaceNewTicketsAsync(cancellationToken);
}
