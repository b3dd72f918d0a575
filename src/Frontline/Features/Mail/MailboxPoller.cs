using System.Security.Cryptography;
using System.Text;
using Frontline.Data;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Npgsql;

namespace Frontline.Features.Mail;

/// <summary>
/// Watches one IMAP mailbox: takes every unseen message in, marks it seen once it is stored, and waits
/// with IDLE when the server offers it (polling otherwise). On PostgreSQL a session advisory lock per
/// mailbox makes one node the poller and lets another take over when it dies; SQLite runs one node.
/// </summary>
public sealed class MailboxPoller(MailboxSettings mailbox, IServiceScopeFactory scopes, DatabaseOptions database, ILogger<MailboxPoller> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await MailboxLease.TryTakeAsync(database, mailbox.Name, stoppingToken);
                if (lease is null)
                {
                    await Task.Delay(mailbox.PollInterval, stoppingToken);
                    continue;
                }
                await WatchAsync(() => failures = 0, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                log.LogWarning(e, "Mailbox {Mailbox} ({Host}): {Message}; trying again", mailbox.Name, mailbox.Host, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(failures, 8)))), stoppingToken);
            }
        }
    }

    private async Task WatchAsync(Action connected, CancellationToken stoppingToken)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(mailbox.Host, mailbox.Port, mailbox.Tls, stoppingToken);
        await client.AuthenticateAsync(mailbox.User, mailbox.Password, stoppingToken);
        var folder = await client.GetFolderAsync(mailbox.Folder, stoppingToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, stoppingToken);
        connected();
        while (!stoppingToken.IsCancellationRequested)
        {
            await TakeInAsync(folder, stoppingToken);
            if (client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                using var done = new CancellationTokenSource(mailbox.PollInterval);
                void Arrived(object? sender, EventArgs e) => done.Cancel();
                folder.CountChanged += Arrived;
                try
                {
                    await client.IdleAsync(done.Token, stoppingToken);
                }
                finally
                {
                    folder.CountChanged -= Arrived;
                }
            }
            else
            {
                await Task.Delay(mailbox.PollInterval, stoppingToken);
                await client.NoOpAsync(stoppingToken);
            }
        }
        await client.DisconnectAsync(quit: true, CancellationToken.None);
    }

    /// <summary>Each unseen message is marked seen only after the desk has stored it, so a crash in between fetches it again (and the duplicate check ignores it).</summary>
    private async Task TakeInAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        var unseen = await folder.SearchAsync(SearchQuery.NotSeen.And(SearchQuery.NotDeleted), cancellationToken);
        foreach (var uid in unseen)
        {
            byte[] raw;
            await using (var stream = await folder.GetStreamAsync(uid, "", cancellationToken))
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
                raw = buffer.ToArray();
            }
            using (var scope = scopes.CreateScope())
            {
                var answer = await scope.ServiceProvider.GetRequiredService<MailIntake>().AcceptAsync(raw, mailbox.Name, mailbox, cancellationToken);
                log.LogInformation("Mailbox {Mailbox}: message {Id} {Outcome} {Ticket}", mailbox.Name, answer.Id, answer.Outcome, answer.Ticket);
            }
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
        }
    }
}

/// <summary>The right to poll one mailbox: a PostgreSQL session advisory lock held on its own connection, or (SQLite, one node) always granted.</summary>
public sealed class MailboxLease : IAsyncDisposable
{
    private readonly NpgsqlConnection? connection;

    private MailboxLease(NpgsqlConnection? connection) => this.connection = connection;

    public static async Task<MailboxLease?> TryTakeAsync(DatabaseOptions database, string mailbox, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return new MailboxLease(null);
        }
        // Unpooled: closing the connection ends the session, which releases the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = Key(mailbox) } } };
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            return new MailboxLease(connection);
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A stable 64-bit key per mailbox name (string.GetHashCode differs per process).</summary>
    public static long Key(string mailbox) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("frontline-mailbox:" + mailbox)), 0);

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
