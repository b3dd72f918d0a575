using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Import;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

/// <summary>frontline generate: bulk-written copies of imported tickets are whole tickets the desk serves as its own.</summary>
public abstract class GeneratedDeskTests(FrontlineServer server)
{
    [Fact]
    public async Task GeneratedTicketsAreWholeSearchableAndNumberedBeforeTheNextCreation()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        using var maria = await server.ClientForAsync("maria");
        var marker = "wombat" + Guid.NewGuid().ToString("N")[..8];
        var shape = await olivia.CreateTicketAsync("Mail quota full");
        (await sam.AssignAsync(shape.Number, null, (await server.FindUserAsync("sam")).Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(shape.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Archived old mail.")).EnsureSuccessStatusCode();
        await server.WithDbAsync(db => db.Tickets.Where(t => t.Number == shape.Number)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExternalRef, $"{ServiceNowImport.Source}:{marker}")));
        var text = Path.Combine(Path.GetTempPath(), marker + ".csv");
        await File.WriteAllTextAsync(text, $"Document,Topic_group\n\"Outlook {marker} says the mailbox is full and refuses new mail\",Storage\n");
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var exit = await SampleTickets.GenerateAsync(server.Services.GetRequiredService<IDbContextFactory<FrontlineDb>>(), text, 30, TimeSpan.FromDays(30), 7, now, TextWriter.Null, CancellationToken.None);
        var after = await olivia.CreateTicketAsync("Created after the generator");

        File.Delete(text);
        Assert.Equal(0, exit);
        var page = await (await maria.GetAsync($"/api/v1/tickets?limit=200&status=open,resolved,closed,cancelled&q=mailbox%20{marker}")).ReadAsync<TicketPage>();
        Assert.Equal(30, page.Items.Count);
        var copy = await olivia.GetTicketAsync(page.Items[0].Number);
        Assert.Equal((shape.Requester.Id, TicketStatus.Resolved), (copy.Requester.Id, copy.Status));
        var history = await server.WithDbAsync(db => db.TicketEvents.Where(e => e.TicketId == copy.Id).CountAsync());
        Assert.True(history >= 3, $"{history} history events copied");
        var sequences = page.Items.Select(t => SequenceOf(t.Number)).ToList();
        Assert.Equal(30, sequences.Distinct().Count());
        Assert.True(SequenceOf(after.Number) > sequences.Max(), $"{after.Number} after {sequences.Max()}");
        Assert.True(after.Id > page.Items.Max(t => t.Id));
        var opened = page.Items.OrderBy(t => t.Id).Select(t => t.CreatedAt).ToList();
        Assert.Equal(opened.Order(), opened);
    }

    private static long SequenceOf(string number) => TicketNumber.TryParse(number, out _, out var sequence) ? sequence : -1;
}

[Collection(SqliteCollection.Name)]
public sealed class GeneratedDeskOnSqlite(SqliteServer server) : GeneratedDeskTests(server);

[Collection(PostgresCollection.Name)]
public sealed class GeneratedDeskOnPostgres(PostgresServer server) : GeneratedDeskTests(server);
