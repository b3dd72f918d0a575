using Frontline.Data;
using Frontline.Features.Operations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Frontline.Features.Tickets;

/// <summary>
/// Merges the new tickets waiting in the PostgreSQL search index's pending list into the index every second, from
/// the background. Every word search reads that list from end to end, and left alone it grows to 4 MB (8-10 ms of a
/// search at a million tickets) before an inserting transaction, usually the creation writer's, merges it
/// (bench/README.md, 6 December 2026). Every node runs it; a second merge at once waits for the first and finds little.
/// </summary>
public sealed class TicketSearchMerge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TicketSearchMerge> logger)
    : PeriodicWorker(scopes, TimeSpan.FromSeconds(1), clock, logger)
{
    private bool leftToPostgres;

    // Searches stay right without it; only slower, as the list they read through grows to its limit.
    protected override string RoundFailed => "The ticket search index's pending list could not be merged this round";

    protected override async Task RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (leftToPostgres)
        {
            return;
        }
        try
        {
            await services.GetRequiredService<FrontlineDb>().Database.ExecuteSqlRawAsync(
                $"""SELECT gin_clean_pending_list('"{TicketSearchIndex.PostgresIndex}"'::regclass)""", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            // Only the index's owner may merge it, and not on a standby; it would fail the same way every second.
            leftToPostgres = true;
            Logger.LogInformation("The ticket search index's pending list is left to PostgreSQL to merge: {Reason}", e.MessageText);
        }
    }
}
