using System.Text.Json;
using Frontline.Data;
using Npgsql;

namespace Frontline.Features.Tickets;

/// <summary>
/// Carries ticket changes between nodes with PostgreSQL LISTEN/NOTIFY, so no message broker is needed.
/// Each node tags what it sends and ignores its own echo.
/// </summary>
public sealed class PostgresTicketRelay(TicketFeed feed, DatabaseOptions database, ILogger<PostgresTicketRelay> logger) : BackgroundService
{
    private const string Channel = "frontline_ticket_changed";
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(2);
    private readonly Guid node = Guid.NewGuid();

    private sealed record Envelope(Guid Node, TicketChanged Change);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(KeepGoingAsync(ListenAsync, stoppingToken), KeepGoingAsync(SendAsync, stoppingToken));

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        connection.Notification += (_, e) => Receive(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var outbound = feed.RelayOutbound();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await foreach (var change in outbound.ReadAllAsync(cancellationToken))
        {
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", JsonSerializer.Serialize(new Envelope(node, change)));
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private void Receive(string payload)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(payload);
            if (envelope is not null && envelope.Node != node)
            {
                feed.Deliver(envelope.Change);
            }
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Ignored a malformed ticket change notification.");
        }
    }

    /// <summary>A dropped connection (database restart, failover) is retried, never fatal to the node.</summary>
    private async Task KeepGoingAsync(Func<CancellationToken, Task> loop, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await loop(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                logger.LogWarning(e, "Live ticket updates between nodes paused; retrying in {Seconds} s.", Backoff.TotalSeconds);
                await Task.Delay(Backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
