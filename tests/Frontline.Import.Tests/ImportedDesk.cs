using Frontline.Cli;
using Frontline.Data;
using Frontline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Import.Tests;

/// <summary>A fresh desk (SQLite, or a database of its own on the test PostgreSQL server), filled through the real command line.</summary>
public sealed class ImportedDesk : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("frontline-import-").FullName;
    private readonly TestDatabase database;

    private ImportedDesk(TestDatabase database) => this.database = database;

    public static async Task<ImportedDesk> CreateAsync(DatabaseProvider provider) => new(await TestDatabase.CreateAsync(provider));

    /// <summary>What the command line's --database takes: the SQLite file's path, or the PostgreSQL connection string.</summary>
    private string DatabaseArgument => database.Options.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource
        : database.Options.ConnectionString;

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--database", DatabaseArgument], output, error);
        return (code, output.ToString(), error.ToString());
    }

    public FrontlineDb Open() => database.Options.Provider == DatabaseProvider.Sqlite
        ? new SqliteFrontlineDb(new DbContextOptionsBuilder<SqliteFrontlineDb>().UseSqlite($"Data Source={DatabaseArgument};Pooling=False").Options)
        : new PostgresFrontlineDb(new DbContextOptionsBuilder<PostgresFrontlineDb>().UseNpgsql(DatabaseArgument).Options);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
