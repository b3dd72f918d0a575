using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

/// <summary>How Frontline's own PostgreSQL sessions are set, whatever the server's defaults.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionTests(PostgresServer server)
{
    [Fact]
    public async Task TheDesksQueriesRunWithoutPostgresJit()
    {
        var jit = await server.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""SELECT current_setting('jit') AS "Value" """).SingleAsync());

        Assert.Equal("off", jit);
    }
}
