using System.Diagnostics;
using Frontline.Data;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

/// <summary>
/// On PostgreSQL, new tickets reach the search index's main structure within seconds, so a word search does not read
/// through a growing list of them; and they are found meanwhile and after.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TicketSearchMergeTests(PostgresServer server)
{
    [Fact]
    public async Task NewTicketsAreMergedIntoTheSearchIndexWithinSecondsAndAWordSearchFindsThem()
    {
        using var sam = await server.ClientForAsync("sam");
        var marker = "zeppelin" + Guid.NewGuid().ToString("N")[..8];
        var created = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            created.Add((await sam.CreateTicketAsync($"Meeting room {i} screen {marker} stays dark")).Number);
        }

        var firstLook = await (await sam.GetAsync($"/api/v1/tickets?q={marker}&limit=50")).ReadAsync<TicketPage>();
        await server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pgstattuple"));
        var pending = await PendingPagesAsync();
        var waited = Stopwatch.StartNew();
        while (pending > 0 && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
            pending = await PendingPagesAsync();
        }

        Assert.Equal(0, pending);
        var afterMerge = await (await sam.GetAsync($"/api/v1/tickets?q={marker}&limit=50")).ReadAsync<TicketPage>();
        Assert.Equal(created.Order(), firstLook.Items.Select(t => t.Number).Order());
        Assert.Equal(created.Order(), afterMerge.Items.Select(t => t.Number).Order());
    }

    /// <summary>The pages of the index's pending list, read with contrib's pgstattuple, which changes nothing.</summary>
    private Task<int> PendingPagesAsync() => server.WithDbAsync(db => db.Database.SqlQueryRaw<int>(
        $"""SELECT pending_pages AS "Value" FROM pgstatginindex('"{TicketSearchIndex.PostgresIndex}"'::regclass)""").SingleAsync());
}
