using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Frontline.Data;

/// <summary>Where the data lives: SQLite in the data folder unless a PostgreSQL connection is given.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, SqliteSync Sync)
{
    /// <param name="database">A PostgreSQL URL or key=value string, a SQLite file path, or empty for the default file.</param>
    public static DatabaseOptions From(string? database, string dataFolder, SqliteSync sync)
    {
        var given = database?.Trim() ?? "";
        if (given.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || given.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, FromUrl(new Uri(given)), sync);
        }
        if (given.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, given, sync);
        }
        var path = given switch
        {
            "" => Path.Combine(dataFolder, "frontline.db"),
            _ when given.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) => given["sqlite:".Length..],
            _ => given,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString(), sync);
    }

    private static string FromUrl(Uri url)
    {
        var userInfo = url.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        return builder.ToString();
    }
}

/// <summary>How hard SQLite holds on to a commit: Full survives power loss, Normal (WAL) survives a process crash.</summary>
public enum SqliteSync
{
    Full,
    Normal,
}

public static class DataFeature
{
    /// <remarks>
    /// Contexts are pooled: every request and every creation batch takes one, and building a fresh one (with its
    /// internal service scope) cost more than many of the queries it then ran. SQLite connections wait for a lock
    /// in SQLite's own busy handler, which retries within milliseconds; without it Microsoft.Data.Sqlite sleeps
    /// 150 ms before each retry, and every brief overlap of two writers (or of a writer and a checkpoint) cost a
    /// creation that much. A statement's undo journal (kept while a multi-row insert with triggers runs inside a
    /// transaction) stays in memory: SQLite writes it to a temporary file once it passes 64 KiB, which a batch of
    /// creations always did, and that was ten times the log's own writes. The file is read with a read call per
    /// page, not through a memory map: SQLite drops a connection's whole map at the first read after any other
    /// connection's commit, so on a desk taking tickets every read paid an unmap (a TLB flush of both cores on a
    /// virtual machine) and a page fault per page, 10 % of the server's CPU at 4,000 creations a second
    /// (bench/README.md, 5 December 2026, night).
    /// </remarks>
    public static IServiceCollection AddFrontlineData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresFrontlineDb>(o => o.UseNpgsql(Prepared(options.ConnectionString)));
            services.AddSingleton<IDbContextFactory<FrontlineDb>, Upcast<PostgresFrontlineDb>>();
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteFrontlineDb>(o => o
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqlitePragmas(
                    $"PRAGMA synchronous={options.Sync.ToString().ToUpperInvariant()}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;")));
            services.AddSingleton<IDbContextFactory<FrontlineDb>, Upcast<SqliteFrontlineDb>>();
        }
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<FrontlineDb>>().CreateDbContext());
        services.AddDataProtection().SetApplicationName("frontline").PersistKeysToDbContext<FrontlineDb>();
        return services;
    }

    /// <summary>
    /// Encrypts the data-protection keys kept in the database with an operator's certificate
    /// (<c>DataProtection:CertificatePath</c>, a PKCS#12 file, and <c>DataProtection:CertificatePassword</c>), so a
    /// copy of the database alone cannot forge sign-in cookies or survey links. Without the setting the keys are
    /// stored as they are, and ASP.NET Core says so in a warning at start.
    /// </summary>
    public static IServiceCollection AddKeyProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return services;
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: cannot read a PKCS#12 certificate from {path} with DataProtection:CertificatePassword ({e.Message}).", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: {path} holds no private key, so the keys it encrypts could never be read again.");
        }
        // Decrypting looks in the machine's certificate stores unless told which certificate to use.
        services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        return services;
    }

    /// <summary>
    /// The serving process merges SQLite's write-ahead log into the database from a background worker instead of
    /// inside the commit that crosses 1,000 pages: that commit (and, with <c>--sqlite-sync full</c>, two fsyncs of
    /// the whole merge) used to hold up every creation waiting behind it. Command-line runs keep SQLite's own
    /// checkpoints, since no worker runs there.
    /// </summary>
    public static IServiceCollection AddSqliteCheckpoints(this IServiceCollection services, DatabaseOptions options, IConfiguration configuration)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            services.Configure<SqliteCheckpointOptions>(configuration.GetSection("Sqlite:Checkpoints"));
            services.ConfigureDbContext<SqliteFrontlineDb>(o => o.AddInterceptors(new SqlitePragmas("PRAGMA wal_autocheckpoint=0;")));
            services.AddHostedService<SqliteCheckpoints>();
        }
        return services;
    }

    /// <summary>Creates or upgrades the schema. Safe with several nodes starting at once: EF Core takes a migration lock.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<FrontlineDb>>().CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer commits; the setting lives in the file, so once is enough.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Npgsql prepares the statements a connection keeps running (unless the connection string says otherwise):
    /// PostgreSQL then skips parsing and planning them, and each is sent without its text. PostgreSQL's JIT is off
    /// for Frontline's sessions (unless the connection string's Options mention jit): a prepared statement's generic
    /// plan is costed for any date, and the experience dashboard's crossed the JIT threshold, so every answer
    /// compiled its query first; at a million tickets 343–360 ms a dashboard with the JIT, 72 without
    /// (bench/README.md, 5 December 2026).
    /// </summary>
    private static string Prepared(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) is not true)
        {
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        }
        return builder.ToString();
    }

    private sealed class Upcast<TDb>(IDbContextFactory<TDb> inner) : IDbContextFactory<FrontlineDb>
        where TDb : FrontlineDb
    {
        public FrontlineDb CreateDbContext() => inner.CreateDbContext();
    }

    private sealed class SqlitePragmas(string pragmas) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        // Pragmas stay set on the pooled native connection, and EF Core opens a connection per query: setting them
        // once per native connection spares a statement on every query.
        private readonly ConditionalWeakTable<object, object> applied = [];

        private void Apply(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle } && applied.TryAdd(handle, handle) is false)
            {
                return;
            }
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
        }
    }
}
