using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Frontline.Data;

/// <summary>
/// Writes new tickets with their history, tags and watchers as plain rows (<see cref="BulkRows"/>), without EF Core's
/// change tracking: ticket creation and the generator both write many at once, and tracking each entity cost more
/// than its inserts (half of the creation writer's CPU went to SaveChanges).
/// </summary>
public static class TicketRows
{
    /// <summary>
    /// Gives the tickets ids and inserts them, inside the caller's transaction. On SQLite the transaction must already hold
    /// the write lock (take the ticket numbers first), so the range of ids past the highest is the caller's alone.
    /// </summary>
    public static async Task InsertAsync(FrontlineDb db, IReadOnlyList<Ticket> tickets, CancellationToken cancellationToken)
    {
        foreach (var (ticket, id) in tickets.Zip(await NextIdsAsync(db, tickets.Count, cancellationToken)))
        {
            ticket.Id = id;
            ticket.Tags.ForEach(t => t.TicketId = id);
            ticket.Watchers.ForEach(w => w.TicketId = id);
        }
        await using (var rows = await BulkRows.StartAsync(db, "Tickets", TicketColumns, cancellationToken))
        {
            foreach (var t in tickets)
            {
                rows.Add(t.Id, t.Number, (int)t.Kind, t.Title, t.Description, t.RequesterId, t.ServiceId, t.CategoryId, t.ConfigurationItem,
                    (int)t.Impact, (int)t.Urgency, (int)t.Priority, (int)t.Status, (int?)t.PendingReason, t.OwnerId, t.GroupId, t.Tier, (int)t.Channel,
                    t.ExternalRef, (int?)t.ResolutionCode, t.ResolutionNotes, t.CreatedAt, t.UpdatedAt, t.FirstRespondedAt, t.ResolvedAt, t.ClosedAt, t.Version);
            }
            await rows.CompleteAsync(cancellationToken);
        }
        await using (var rows = await BulkRows.StartAsync(db, "TicketEvents", HistoryColumns, cancellationToken))
        {
            foreach (var ticket in tickets)
            {
                ticket.History.ForEach(evt => AddHistory(rows, ticket.Id, evt));
            }
            await rows.CompleteAsync(cancellationToken);
        }
        // Most creations carry neither, so their statements are not even prepared then.
        if (tickets.Any(t => t.Tags.Count > 0))
        {
            await using var rows = await BulkRows.StartAsync(db, "TicketTags", TagColumns, cancellationToken);
            tickets.SelectMany(t => t.Tags).ToList().ForEach(t => rows.Add(t.TicketId, t.Tag));
            await rows.CompleteAsync(cancellationToken);
        }
        if (tickets.Any(t => t.Watchers.Count > 0))
        {
            await using var rows = await BulkRows.StartAsync(db, "TicketWatchers", WatcherColumns, cancellationToken);
            tickets.SelectMany(t => t.Watchers).ToList().ForEach(w => rows.Add(w.TicketId, w.UserId));
            await rows.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>The history table's columns as <see cref="AddHistory"/> fills them.</summary>
    private static readonly IReadOnlyList<BulkColumn> HistoryColumns =
    [
        new("TicketId", NpgsqlDbType.Bigint), new("At", NpgsqlDbType.TimestampTz), new("ActorId", NpgsqlDbType.Uuid),
        new("Kind", NpgsqlDbType.Integer), new("Field", NpgsqlDbType.Varchar), new("Before", NpgsqlDbType.Text), new("After", NpgsqlDbType.Text),
    ];

    private static void AddHistory(BulkRows rows, long ticketId, TicketEvent evt)
    {
        evt.TicketId = ticketId;
        rows.Add(ticketId, evt.At, evt.ActorId, (int)evt.Kind, evt.Field, evt.Before, evt.After);
    }

    private static readonly IReadOnlyList<BulkColumn> TicketColumns =
    [
        new("Id", NpgsqlDbType.Bigint), new("Number", NpgsqlDbType.Varchar), new("Kind", NpgsqlDbType.Integer), new("Title", NpgsqlDbType.Varchar),
        new("Description", NpgsqlDbType.Text), new("RequesterId", NpgsqlDbType.Uuid), new("ServiceId", NpgsqlDbType.Integer), new("CategoryId", NpgsqlDbType.Integer),
        new("ConfigurationItem", NpgsqlDbType.Varchar), new("Impact", NpgsqlDbType.Integer), new("Urgency", NpgsqlDbType.Integer), new("Priority", NpgsqlDbType.Integer),
        new("Status", NpgsqlDbType.Integer), new("PendingReason", NpgsqlDbType.Integer), new("OwnerId", NpgsqlDbType.Uuid), new("GroupId", NpgsqlDbType.Integer),
        new("Tier", NpgsqlDbType.Integer), new("Channel", NpgsqlDbType.Integer), new("ExternalRef", NpgsqlDbType.Varchar), new("ResolutionCode", NpgsqlDbType.Integer),
        new("ResolutionNotes", NpgsqlDbType.Text), new("CreatedAt", NpgsqlDbType.TimestampTz), new("UpdatedAt", NpgsqlDbType.TimestampTz),
        new("FirstRespondedAt", NpgsqlDbType.TimestampTz), new("ResolvedAt", NpgsqlDbType.TimestampTz), new("ClosedAt", NpgsqlDbType.TimestampTz), new("Version", NpgsqlDbType.Integer),
    ];

    private static readonly IReadOnlyList<BulkColumn> TagColumns = [new("TicketId", NpgsqlDbType.Bigint), new("Tag", NpgsqlDbType.Varchar)];

    private static readonly IReadOnlyList<BulkColumn> WatcherColumns = [new("TicketId", NpgsqlDbType.Bigint), new("UserId", NpgsqlDbType.Uuid)];

    /// <summary>
    /// A range of ticket ids. PostgreSQL's identity sequence hands them out, so concurrent writers never collide; on SQLite
    /// the caller's transaction holds the write lock, so the range past the highest id is its alone, and AUTOINCREMENT
    /// moves on past it. Tickets are never deleted, so no id below the highest is ever free to reuse.
    /// </summary>
    private static async Task<List<long>> NextIdsAsync(FrontlineDb db, int count, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return await db.Database
                .SqlQuery<long>($"""SELECT nextval(pg_get_serial_sequence('"Tickets"', 'Id')) AS "Value" FROM generate_series(1, {count})""")
                .ToListAsync(cancellationToken);
        }
        var highest = await db.Database.SqlQuery<long>($"""SELECT coalesce(max("Id"), 0) AS "Value" FROM "Tickets" """).SingleAsync(cancellationToken);
        return [.. Enumerable.Range(1, count).Select(i => highest + i)];
    }
}
