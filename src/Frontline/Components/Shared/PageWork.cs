using Frontline.Data;
using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Components.Shared;

/// <summary>What one page operation works with: who acts, the desk, and a database context of its own.</summary>
public sealed record PageScope(Caller Caller, TicketDesk Desk, FrontlineDb Db, IServiceProvider Services);

/// <summary>
/// Runs each page operation in a DI scope of its own. A circuit lives as long as the browser tab, but a
/// DbContext must live for one operation: a long-lived one would serve stale tracked tickets and fail
/// their version checks. The caller (and their groups) is read fresh each time, as the API does.
/// </summary>
public sealed class PageWork(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    private TimeZoneInfo? timeZone;

    public async Task<T> RunAsync<T>(Func<PageScope, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FrontlineDb>();
        var caller = await Caller.FromAsync(user, db, cancellationToken)
            ?? throw new InvalidOperationException("Pages that use the desk are only routed to signed-in people.");
        if (timeZone is null)
        {
            var zone = await db.Users.Where(u => u.Id == caller.Id).Select(u => u.TimeZone).SingleOrDefaultAsync(cancellationToken);
            timeZone = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        }
        return await work(new PageScope(caller, scope.ServiceProvider.GetRequiredService<TicketDesk>(), db, scope.ServiceProvider));
    }

    /// <summary>A stored UTC time as the viewer reads it, in their own time zone (UTC until the first operation).</summary>
    public string Show(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone ?? TimeZoneInfo.Utc)
            .ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
