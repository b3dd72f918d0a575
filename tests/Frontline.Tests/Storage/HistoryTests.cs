using Frontline.Data;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

public abstract class HistoryTests(FrontlineServer server)
{
    [Fact]
    public async Task HistoryEventsCannotBeRewrittenOrDeleted()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Audit me");

        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => server.WithDbAsync(async db =>
        {
            var first = await db.TicketEvents.FirstAsync(e => e.TicketId == ticket.Id);
            first.After = "forged";
            return await db.SaveChangesAsync();
        }));
        var deleted = await Assert.ThrowsAsync<InvalidOperationException>(() => server.WithDbAsync(async db =>
        {
            db.TicketEvents.RemoveRange(db.TicketEvents.Where(e => e.TicketId == ticket.Id));
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", deleted.Message, StringComparison.Ordinal);
        Assert.NotEqual("forged", await server.WithDbAsync(db => db.TicketEvents.Where(e => e.TicketId == ticket.Id).Select(e => e.After).FirstAsync()));
    }

    [Fact]
    public async Task TheSchemaIsCurrentWithNoPendingMigrations()
    {
        var pending = await server.WithDbAsync(db => db.Database.GetPendingMigrationsAsync());

        Assert.Empty(pending);
        Assert.False(await server.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())), "the model changed without a migration");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HistoryOnSqlite(SqliteServer server) : HistoryTests(server);

[Collection(PostgresCollection.Name)]
public sealed class HistoryOnPostgres(PostgresServer server) : HistoryTests(server);
