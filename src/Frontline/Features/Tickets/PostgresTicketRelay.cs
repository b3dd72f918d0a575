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
    private readonly (Guid Id, string Echo) node = NewNode();

    private static (Guid, string) NewNode()
    {
        var id = Guid.NewGuid();
        return (id, $$"""{"Node":"{{id}}",""");
    }

    // NOTIFY payloads stop at 8000 bytes; a change takes about 200.
    private const int MostPerNotification = 30;

    /// <summary>The changes one node made since its last notification: a burst of creations is one NOTIFY, not one each.</summary>
    private sealed record Envelope(Guid Node, IReadOnlyList<TicketChanged> Changes);

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
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        notify.Parameters.AddWithValue("channel", Channel);
        var payload = notify.Parameters.AddWithValue("payload", "");
        var changes = new List<TicketChanged>(MostPerNotification);
        while (await outbound.WaitToReadAsync(cancellationToken))
        {
            while (changes.Count < MostPerNotification && outbound.TryRead(out var change))
            {
                changes.Add(change);
            }
            payload.Value = JsonSerializer.Serialize(new Envelope(node.Id, changes));
            await notify.ExecuteNonQueryAsync(cancellationToken);
            changes.Clear();
        }
    }

    private void Receive(string payload)
    {
        // Every node hears its own notifications too; those are recognised by their start, without reading the rest.
        if (payload.StartsWith(node.Echo, StringComparison.Ordinal))
        {
            return;
        }
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(payload);
            if (envelope is not null && envelope.Node != node.Id)
            {
                foreach (var change in envelope.Changes)
                {
                    feed.Deliver(change);
                }
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
