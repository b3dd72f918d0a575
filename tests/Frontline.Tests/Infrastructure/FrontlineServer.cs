using System.Net.Http.Headers;
using System.Net.Http.Json;
using Frontline.Cli;
using Frontline.Data;
using Frontline.Features.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// The real Frontline host on Kestrel at a free loopback port, over a fresh database of one provider,
/// seeded with the demo organisation. Tests talk to it over HTTP like any client.
/// </summary>
public abstract class FrontlineServer : IAsyncLifetime
{
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);
    private WebApplication? app;
    private TestDatabase? database;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Configuration on top of the defaults; the sign-in limit is raised so the suite is not throttled by itself.</summary>
    /// <remarks>
    /// The alarm worker's timer is pushed out of the way: tests fire alarms themselves, at the moments they choose.
    /// New tickets are placed in demand patterns every second, so a test waits for that instead of a minute.
    /// </remarks>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SignInAttemptsPerMinute"] = "100000", ["ServiceLevels:AlarmCheckSeconds"] = "86400", ["Demand:PlaceEverySeconds"] = "1",
    };

    public Uri Address { get; private set; } = null!;

    /// <summary>Where this server keeps its data, for a second node on the same database.</summary>
    public DatabaseOptions Database => database!.Options;

    public IServiceProvider Services => app!.Services;

    public WebApplication App => app!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(Provider);
        var settings = new Dictionary<string, string?>
        {
            ["LogFormat"] = "text",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        var options = new ServeOptions("http://127.0.0.1:0", database.Options, Demo: true, settings, []);
        app = Program.BuildApp(options);
        await Program.PrepareAsync(app, options, TextWriter.Null);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

    /// <summary>A client signed in as a demo user (or "admin") with a personal access token.</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(userName));
        return client;
    }

    public async Task<string> TokenForAsync(string userName)
    {
        if (!tokens.TryGetValue(userName, out var secret))
        {
            var user = await FindUserAsync(userName);
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<FrontlineDb>();
            var (issued, record) = AccessTokens.Issue(user.Id, "tests", DateTime.UtcNow, DateTime.UtcNow.AddDays(1));
            db.AccessTokens.Add(record);
            await db.SaveChangesAsync();
            tokens[userName] = secret = issued;
        }
        return secret;
    }

    public async Task<User> FindUserAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        return await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user '{userName}' in the demo organisation.");
    }

    public async Task<T> WithDbAsync<T>(Func<FrontlineDb, Task<T>> read)
    {
        using var scope = Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<FrontlineDb>());
    }

    public async Task<int> GroupIdAsync(string name) =>
        await WithDbAsync(db => db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync());
}

public sealed class SqliteServer : FrontlineServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresServer : FrontlineServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteServer>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

public static class HttpAnswers
{
    public static StringContent Raw(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<T>(Api.Json))!;
    }
}
