using Frontline.Data;
using Frontline.Features.Operations;

namespace Frontline.Features.Tickets;

/// <summary>
/// Folds the changes PostgreSQL's triggers append to the ticket tallies (<see cref="TicketTallies"/>) every few
/// seconds, so the queue's counts sum a few rows per key. Every node runs it; two at once still count each change once.
/// </summary>
public sealed class TicketTallyCompaction(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TicketTallyCompaction> logger)
    : PeriodicWorker(scopes, TimeSpan.FromSeconds(5), clock, logger)
{
    protected override bool RunsAtStart => true;

    // Counts stay exact without it (readers sum every row); only the rows they sum grow until a round succeeds.
    protected override string RoundFailed => "Ticket tallies could not be compacted this round";

    protected override Task RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        TicketTallies.CompactAsync(services.GetRequiredService<FrontlineDb>(), cancellationToken);
}
