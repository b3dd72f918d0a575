using System.Diagnostics;
using System.Text;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Frontline.Features.Import;

/// <summary>
/// Fills a desk with many realistic tickets for measuring it at scale: each is a copy of a ticket imported
/// from the ServiceNow event log (its status, priority, group, owner, requester, history and timings, shifted
/// in time) with the words of a real help desk ticket from a text file (Document,Topic_group). Copies are
/// opened over the span in the order of their numbers; one whose life runs past now stops where its history
/// left it, so the desk has a realistic open backlog beside its archive. Some finished tickets get a
/// satisfaction survey answer, so the experience dashboard has something to read.
/// </summary>
public static class SampleTickets
{
    private const int Chunk = 20_000;

    public static async Task<int> GenerateAsync(IDbContextFactory<FrontlineDb> factory, string textFile, int count, TimeSpan span, int seed, DateTime now, TextWriter output, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var templates = await TemplatesAsync(factory, cancellationToken);
        if (templates.Count == 0)
        {
            await output.WriteLineAsync("frontline: generate copies imported tickets; import the ServiceNow event log first (frontline import servicenow-events FILE).");
            return 2;
        }
        var texts = Texts(textFile);
        var random = new Random(seed);
        await output.WriteLineAsync($"  {templates.Count:N0} imported tickets as shapes, {texts.Count:N0} texts, read in {watch.Elapsed.TotalSeconds:F1} s");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // A generated desk can be generated again, so this connection trades durability against power loss for
            // speed (each chunk still commits whole), and a larger page cache keeps the growing indexes in memory.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", cancellationToken);
        }
        // Opened in the order they are numbered, as on a real desk, so the recent tickets dashboards read lie together
        // at the end of the table: spread over the span at random, they lay anywhere in the file.
        var opened = Enumerable.Range(0, count).Select(_ => now - span * random.NextDouble()).Order().ToList();
        long events = 0, answers = 0;
        for (var done = 0; done < count; done += Chunk)
        {
            var tickets = opened.GetRange(done, Math.Min(Chunk, count - done))
                .Select(at => Copy(templates[random.Next(templates.Count)], texts[random.Next(texts.Count)], at, now))
                .ToList();
            var written = await WriteChunkAsync(db, tickets, random, now, cancellationToken);
            (events, answers) = (events + written.Events, answers + written.Answers);
            await output.WriteLineAsync($"  wrote {done + tickets.Count:N0} of {count:N0} tickets at {watch.Elapsed.TotalSeconds:F0} s");
        }
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The planner's picture of the tables (how rare a searched word is, how many tickets are open) is what a
            // bulk load changes most; autovacuum would refresh it minutes later, after the first queries were planned blind.
            await TicketTallies.CompactAsync(db, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "Tickets", "TicketEvents", "ExperienceResponses", "TicketTallies";""", cancellationToken);
        }
        await output.WriteLineAsync($"Generated {count:N0} tickets with {events:N0} history events and {answers:N0} survey answers in {watch.Elapsed.TotalSeconds:F1} s ({count / watch.Elapsed.TotalSeconds:N0} tickets/s).");
        return 0;
    }

    /// <summary>
    /// One chunk in one transaction: numbers and ids taken as ranges, then tickets, history and survey answers
    /// streamed in bulk. A failure loses the chunk whole; the number counters only ever move forward.
    /// </summary>
    private static async Task<(long Events, int Answers)> WriteChunkAsync(FrontlineDb db, List<Ticket> tickets, Random random, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TicketNumbers.AssignAsync(db, tickets, cancellationToken);
        await TicketRows.InsertAsync(db, tickets, cancellationToken);
        var events = tickets.Sum(t => (long)t.History.Count);
        var answers = Answers(tickets, random, now);
        await using (var rows = await BulkRows.StartAsync(db, "ExperienceResponses", AnswerColumns, cancellationToken))
        {
            answers.ForEach(a => rows.Add(a.TicketId, a.RespondentId, a.Satisfaction, a.Effort, a.LostMinutes, a.Comment, a.At, a.OwnerId, a.GroupId));
            await rows.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (events, answers.Count);
    }

    private static readonly IReadOnlyList<BulkColumn> AnswerColumns =
    [
        new("TicketId", NpgsqlDbType.Bigint), new("RespondentId", NpgsqlDbType.Uuid), new("Satisfaction", NpgsqlDbType.Integer), new("Effort", NpgsqlDbType.Integer),
        new("LostMinutes", NpgsqlDbType.Integer), new("Comment", NpgsqlDbType.Varchar), new("At", NpgsqlDbType.TimestampTz), new("OwnerId", NpgsqlDbType.Uuid),
        new("GroupId", NpgsqlDbType.Integer),
    ];

    private static async Task<List<Ticket>> TemplatesAsync(IDbContextFactory<FrontlineDb> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var prefix = ServiceNowImport.Source + ":";
        return await db.Tickets.AsNoTracking().AsSplitQuery()
            .Where(t => t.ExternalRef != null && t.ExternalRef.StartsWith(prefix))
            .Include(t => t.History)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
    }

    private static List<(string Title, string Description)> Texts(string path)
    {
        using var reader = new StreamReader(CsvRecords.Open(path), Encoding.UTF8);
        var texts = new List<(string, string)>();
        var column = 0;
        foreach (var record in CsvRecords.Read(reader, header => column = Math.Max(0, Array.IndexOf(header, "Document"))))
        {
            if (record.Fields.Length > column && record.Fields[column].Trim() is { Length: > 0 } document)
            {
                var words = document.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                texts.Add((ServiceNowImport.Truncate(string.Join(' ', words.Take(8)), TicketFields.TitleMaxLength), document));
            }
        }
        return texts;
    }

    private static Ticket Copy(Ticket shape, (string Title, string Description) text, DateTime opened, DateTime now)
    {
        var shift = opened - shape.CreatedAt;
        var ticket = new Ticket
        {
            Number = "",
            Kind = shape.Kind,
            Title = text.Title,
            Description = text.Description,
            RequesterId = shape.RequesterId,
            CategoryId = shape.CategoryId,
            ConfigurationItem = shape.ConfigurationItem,
            Impact = shape.Impact,
            Urgency = shape.Urgency,
            Priority = shape.Priority,
            Status = shape.Status,
            PendingReason = shape.PendingReason,
            GroupId = shape.GroupId,
            OwnerId = shape.OwnerId,
            Tier = shape.Tier,
            Channel = shape.Channel,
            ResolutionCode = shape.ResolutionCode,
            ResolutionNotes = shape.ResolutionNotes,
            CreatedAt = shape.CreatedAt + shift,
            UpdatedAt = shape.UpdatedAt + shift,
            FirstRespondedAt = shape.FirstRespondedAt + shift,
            ResolvedAt = shape.ResolvedAt + shift,
            ClosedAt = shape.ClosedAt + shift,
            Version = shape.Version,
        };
        ticket.History.AddRange(shape.History
            .Where(e => e.At + shift <= now)
            .Select(e => new TicketEvent { At = e.At + shift, ActorId = e.ActorId, Kind = e.Kind, Field = e.Field, Before = e.Before, After = e.After }));
        if (ticket.UpdatedAt > now)
        {
            StopAt(ticket, now);
        }
        return ticket;
    }

    /// <summary>A copy whose life runs past now is still open: it is where its history up to now left it.</summary>
    private static void StopAt(Ticket ticket, DateTime now)
    {
        (ticket.Status, ticket.PendingReason) = (TicketStatus.New, null);
        ticket.OwnerId = null;
        foreach (var change in ticket.History.Where(e => e.Kind == TicketEventKind.Changed))
        {
            switch (change.Field)
            {
                case "status" when Enum.TryParse<TicketStatus>(change.After, out var status):
                    ticket.Status = status;
                    break;
                case "pendingReason":
                    ticket.PendingReason = Enum.TryParse<PendingReason>(change.After, out var reason) ? reason : null;
                    break;
                case "ownerId":
                    ticket.OwnerId = Guid.TryParse(change.After, out var owner) ? owner : null;
                    break;
                case "groupId":
                    ticket.GroupId = int.TryParse(change.After, out var group) ? group : null;
                    break;
            }
        }
        var done = ticket.Status is TicketStatus.Resolved or TicketStatus.Closed;
        ticket.PendingReason = ticket.Status == TicketStatus.Pending ? ticket.PendingReason : null;
        ticket.UpdatedAt = ticket.History.Count > 0 ? ticket.History.Max(e => e.At) : ticket.CreatedAt;
        ticket.FirstRespondedAt = ticket.FirstRespondedAt <= now ? ticket.FirstRespondedAt : null;
        ticket.ResolvedAt = done && ticket.ResolvedAt <= now ? ticket.ResolvedAt : null;
        ticket.ClosedAt = ticket.Status == TicketStatus.Closed && ticket.ClosedAt <= now ? ticket.ClosedAt : null;
        (ticket.ResolutionCode, ticket.ResolutionNotes) = done ? (ticket.ResolutionCode, ticket.ResolutionNotes) : (null, null);
    }

    /// <summary>About one finished ticket in seven is rated, mostly well, as survey answers tend to be.</summary>
    private static List<ExperienceResponse> Answers(List<Ticket> tickets, Random random, DateTime now)
    {
        int[] satisfaction = [1, 2, 3, 4, 4, 5, 5, 5];
        return [.. tickets
            .Where(t => t.ResolvedAt is not null && random.Next(7) == 0)
            .Select(t => new ExperienceResponse
            {
                TicketId = t.Id,
                RespondentId = t.RequesterId,
                Satisfaction = satisfaction[random.Next(satisfaction.Length)],
                Effort = random.Next(1, 8),
                LostMinutes = random.Next(0, 240),
                At = t.ResolvedAt!.Value.AddHours(random.Next(1, 48)) is var answered && answered < now ? answered : now,
                OwnerId = t.OwnerId,
                GroupId = t.GroupId,
            })];
    }
}
