using System.Net.Http.Headers;
using System.Net.Http.Json;
using Frontline.Data;
using Frontline.Features.Accounts;
using Frontline.Testing;

namespace Frontline.Tests.Infrastructure;

/// <summary>Runs the real executable on a test database, and talks to it the way a script would.</summary>
public static class ProcessDatabases
{
    /// <summary>Starts frontline on the database and waits until it answers /healthz.</summary>
    public static Task<FrontlineProcess> StartAsync(DatabaseOptions database) =>
        FrontlineProcess.StartAsync(typeof(ProcessDatabases).Assembly,
            [
                "--database", database.Provider == DatabaseProvider.Sqlite ? "sqlite:" + SqliteFile(database) : database.ConnectionString,
                "--sqlite-sync", database.Sync.ToString().ToLowerInvariant(),
            ],
            // Request logs would only slow the load down; warnings and the first admin's password still show.
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error" });

    /// <summary>A client holding a personal access token issued the way a script gets one: user name and password.</summary>
    public static async Task<HttpClient> ClientWithTokenAsync(this FrontlineProcess server, string userName, string password)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        var issued = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { userName, password, name = "resilience" });
        var token = await issued.ReadAsync<IssuedToken>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    private static string SqliteFile(DatabaseOptions database) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
}
