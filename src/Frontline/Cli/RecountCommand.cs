using Frontline.Data;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Cli;

/// <summary>
/// frontline recount: counts the tickets into the queue's tallies afresh and says which were off, after a load that
/// bypassed the database's triggers. Safe while the desk runs.
/// </summary>
public static class RecountCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var values = CommandLine.Options(args, flags: [], valued: ["--data", "--database", "--sqlite-sync"]);
        await using var services = await CommandHost.StartAsync(CommandHost.DatabaseArgs(values), output);
        await using var db = await services.GetRequiredService<IDbContextFactory<FrontlineDb>>().CreateDbContextAsync();
        var recount = await TicketTallies.RecountAsync(db, CancellationToken.None);
        await output.WriteLineAsync(recount.Drifts.Count == 0
            ? $"Counted {recount.Tickets:N0} tickets into {recount.Keys:N0} tallies; none was off."
            : $"Counted {recount.Tickets:N0} tickets into {recount.Keys:N0} tallies; {recount.Drifts.Count:N0} were off and now hold the tickets:");
        foreach (var (key, tallied, counted) in recount.Drifts)
        {
            var group = key.GroupId == TicketTally.Untriaged ? "no group" : $"group {key.GroupId}";
            await output.WriteLineAsync($"  {group}, {key.Status}, {key.Kind}, {key.Priority}: {tallied:N0} tallied, {counted:N0} tickets");
        }
        return 0;
    }
}
