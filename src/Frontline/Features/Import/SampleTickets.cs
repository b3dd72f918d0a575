using System.Diagnostics;
using System.Text;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Import;

/// <summary>
/// Fills a desk with many realistic tickets for measuring it at scale: each is a copy of a ticket imported
/// from the ServiceNow event log (its status, priority, group, owner, requester, history and timings, shifted
/// in time) with the words of a real help desk ticket from a text file (Document,Topic_group). Copies are
/// spread over the span; one whose life runs past now stops where its history left it, so the desk has a
/// realistic open backlog beside its archive. Some finished tickets get a satisfaction survey answer, so
/// the experience dashboard has something to read.
/// </summary>
public static class SampleTickets
{
    private const int Chunk = 10_000;

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
        long events = 0;
        for (var done = 0; done < count; done += Chunk)
        {
            var tickets = Enumerable.Range(0, Math.Min(Chunk, count - done))
                .Select(_ => Copy(templates[random.Next(templates.Count)], texts[random.Next(texts.Count)], random, now, span))
                .ToList();
            events += await TicketBatches.WriteAsync(factory, tickets, TextWriter.Null, cancellationToken);
            await AnswerSurveysAsync(factory, tickets, random, now, cancellationToken);
            await output.WriteLineAsync($"  wrote {done + tickets.Count:N0} of {count:N0} tickets at {watch.Elapsed.TotalSeconds:F0} s");
        }
        await output.WriteLineAsync($"Generated {count:N0} tickets with {events:N0} history events in {watch.Elapsed.TotalSeconds:F1} s ({count / watch.Elapsed.TotalSeconds:N0} tickets/s).");
        return 0;
    }

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

    private static Ticket Copy(Ticket shape, (string Title, string Description) text, Random random, DateTime now, TimeSpan span)
    {
        var shift = now - TimeSpan.FromTicks((long)(random.NextDouble() * span.Ticks)) - shape.CreatedAt;
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
    private static async Task AnswerSurveysAsync(IDbContextFactory<FrontlineDb> factory, List<Ticket> tickets, Random random, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        int[] satisfaction = [1, 2, 3, 4, 4, 5, 5, 5];
        db.ExperienceResponses.AddRange(tickets
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
            }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
