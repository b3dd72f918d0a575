using Frontline.Data;
using Npgsql;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test server: a SQLite file in a temporary folder, or a fresh database
/// on the PostgreSQL server the test command started (FRONTLINE_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "FRONTLINE_TEST_POSTGRES";

    private readonly Func<Task> drop;

    private TestDatabase(DatabaseOptions options, Func<Task> drop)
    {
        Options = options;
        this.drop = drop;
    }

    public DatabaseOptions Options { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("frontline-test-");
            var options = DatabaseOptions.From(null, folder.FullName, SqliteSync.Normal);
            return new TestDatabase(options, () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                folder.Delete(recursive: true);
                return Task.CompletedTask;
            });
        }
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL half of the suite needs a server: run ./test.sh (it installs and starts one), or set {PostgresVariable} to a Npgsql connection string of a user allowed to create databases.");
        }
        var name = "frontline_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new TestDatabase(DatabaseOptions.From(connection, "", SqliteSync.Normal), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    public ValueTask DisposeAsync() => new(drop());

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
