using Frontline.Cli;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class MultiNodeTests(PostgresServer server)
{
    [Fact]
    public async Task ATicketCreatedOnOneNodeReachesTheLivePagesOfAnother()
    {
        var options = new ServeOptions("http://127.0.0.1:0", server.Database, Demo: false,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }, []);
        await using var secondNode = Program.BuildApp(options);
        await Program.PrepareAsync(secondNode, options, TextWriter.Null);
        await secondNode.StartAsync();
        var seen = new TaskCompletionSource<TicketChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var marker = "Seen across nodes " + Guid.NewGuid();
        var feed = secondNode.Services.GetRequiredService<TicketFeed>();
        feed.Changed += change => seen.TrySetResult(change);
        // The relay subscribes as the node starts; give it a moment to LISTEN before the change is made.
        await WaitUntilListeningAsync(secondNode);

        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync(marker);

        var change = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ticket.Number, change.Number);
        await secondNode.StopAsync();
    }

    private static async Task WaitUntilListeningAsync(WebApplication node)
    {
        var database = node.Services.GetRequiredService<Frontline.Data.DatabaseOptions>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN frontline_ticket_changed%'", connection);
            if ((long)(await command.ExecuteScalarAsync())! >= 2)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("The second node never started listening for ticket changes.");
    }
}
