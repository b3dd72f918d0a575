using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Frontline.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFrontlineDb>
{
    public SqliteFrontlineDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFrontlineDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFrontlineDb>
{
    public PostgresFrontlineDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFrontlineDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
