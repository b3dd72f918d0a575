using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frontline.Data;
using Frontline.Domain.Import;
using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Import;

/// <summary>What an import did, printed at the end and asserted by the tests.</summary>
public sealed record ImportSummary(
    int Rows,
    IReadOnlyList<string> BadRows,
    int Found,
    int Created,
    int AlreadyThere,
    long Events,
    int Users,
    int Groups,
    int Categories,
    TimeSpan Elapsed)
{
    public async Task PrintAsync(TextWriter output, string what)
    {
        await output.WriteLineAsync($"""
            {what}
              rows read          {Rows:N0}
              bad rows           {BadRows.Count:N0}
              tickets found      {Found:N0}
              tickets created    {Created:N0}
              already imported   {AlreadyThere:N0}
              history events     {Events:N0}
              people created     {Users:N0}
              groups created     {Groups:N0}
              categories created {Categories:N0}
              time               {Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s
            """);
    }
}

/// <summary>
/// `frontline import servicenow-events FILE`: rebuilds every incident of a ServiceNow audit export as a ticket
/// with its whole history. Keyed by "servicenow:NUMBER", so running it again adds only incidents not yet there.
/// </summary>
public static class ServiceNowImport
{
    public const string Source = "servicenow";

    public static string ExternalRef(string number) => Source + ":" + number;

    public static async Task<ImportSummary> RunAsync(IDbContextFactory<FrontlineDb> factory, string path, TimeProvider clock, TextWriter progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var (rows, bad, incidents) = await ReadAsync(path, progress);
        var replayed = incidents.Select(ServiceNowIncident.Replay).ToList();
        await progress.WriteLineAsync($"  read and replayed {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");
        var already = await TicketBatches.ExistingRefsAsync(factory, replayed.Select(i => ExternalRef(i.Number)).ToList(), cancellationToken);
        var fresh = replayed.Where(i => !already.Contains(ExternalRef(i.Number))).ToList();
        await progress.WriteLineAsync($"  {replayed.Count:N0} incidents in the file, {fresh.Count:N0} not imported yet");

        var now = clock.GetUtcNow().UtcDateTime;
        var directory = new ImportDirectory();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await EnsureDirectoryAsync(db, directory, fresh, now, cancellationToken);
        }
        var taken = await TicketBatches.TakenNumbersAsync(factory, fresh.Select(i => i.Number).ToList(), cancellationToken);
        await TicketBatches.ReserveNumbersAsync(factory, fresh.Select(i => i.Number).Where(n => !taken.Contains(n)), cancellationToken);
        var tickets = fresh.Select(i => ToTicket(i, directory, taken)).ToList();
        await progress.WriteLineAsync($"  people, groups and categories ready at {watch.Elapsed.TotalSeconds:F1} s");
        var events = await TicketBatches.WriteAsync(factory, tickets, progress, cancellationToken);
        return new ImportSummary(rows, bad, replayed.Count, tickets.Count, replayed.Count - fresh.Count, events,
            directory.UsersCreated, directory.GroupsCreated, directory.CategoriesCreated, watch.Elapsed);
    }

    /// <summary>Reads every row, keeps the good ones grouped by incident in file order, and names each bad one by its line.</summary>
    private static async Task<(int Rows, List<string> Bad, List<List<ServiceNowEvent>> Incidents)> ReadAsync(string path, TextWriter progress)
    {
        using var reader = new StreamReader(CsvRecords.Open(path), Encoding.UTF8);
        string[] header = [];
        Dictionary<string, int> column = [];
        var bad = new List<string>();
        var byNumber = new Dictionary<string, List<ServiceNowEvent>>(StringComparer.Ordinal);
        var incidents = new List<List<ServiceNowEvent>>();
        var rows = 0;
        foreach (var record in CsvRecords.Read(reader, h =>
        {
            header = h;
            column = h.Select((name, i) => (name, i)).DistinctBy(c => c.name).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
            var missing = ServiceNowEvents.RequiredColumns.Where(c => !column.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new ImportException($"{path} is not a ServiceNow incident event log: it has no {string.Join(", ", missing)} column.");
            }
        }))
        {
            rows++;
            if (rows % 50_000 == 0)
            {
                await progress.WriteLineAsync($"  read {rows:N0} rows");
            }
            if (record.Fields.Length != header.Length)
            {
                bad.Add($"line {record.Line}: {record.Fields.Length} fields where the header has {header.Length}");
                continue;
            }
            var parsed = ServiceNowEvents.Parse(record.Line, record.Fields, column);
            if (!parsed.IsOk)
            {
                bad.Add($"line {record.Line}: {parsed.Error}");
                continue;
            }
            if (!byNumber.TryGetValue(parsed.Value.Number, out var list))
            {
                byNumber[parsed.Value.Number] = list = [];
                incidents.Add(list);
            }
            list.Add(parsed.Value);
        }
        if (header.Length == 0)
        {
            throw new ImportException($"{path} is empty.");
        }
        return (rows, bad, incidents);
    }

    private static async Task EnsureDirectoryAsync(FrontlineDb db, ImportDirectory directory, List<ServiceNowIncident> fresh, DateTime now, CancellationToken cancellationToken)
    {
        var people = new List<ImportedPerson>();
        var groups = new HashSet<string>(StringComparer.Ordinal);
        var memberships = new HashSet<(string, string)>();
        var categories = new HashSet<(string?, string)>();
        foreach (var incident in fresh)
        {
            people.Add(new ImportedPerson(incident.Last.Caller ?? UnknownCaller, Roles.Requester));
            foreach (var line in incident.History)
            {
                if (line.Field == ServiceNowIncident.GroupField && line.After is { } group)
                {
                    groups.Add(group);
                }
                if (line.Field == ServiceNowIncident.OwnerField && line.After is { } owner)
                {
                    people.Add(new ImportedPerson(owner, Roles.Agent));
                }
            }
            // Whoever opened or updated an incident worked on the desk.
            people.AddRange(new[] { incident.Last.OpenedBy }.Concat(incident.History.Select(h => h.Actor)).OfType<string>().Distinct().Select(name => new ImportedPerson(name, Roles.Agent)));
            if (incident.Last is { Group: { } g, AssignedTo: { } a })
            {
                memberships.Add((g, a));
            }
            if (incident.Last.Category is { } category)
            {
                categories.Add((null, category));
                if (incident.Last.Subcategory is { } sub)
                {
                    categories.Add((category, sub));
                }
            }
        }
        // Someone who both raised and worked incidents is an agent: the desk role is the one that sees more.
        var distinct = people.GroupBy(p => p.SourceName).Select(g => g.FirstOrDefault(p => p.Role == Roles.Agent) ?? g.First()).ToList();
        await directory.EnsureAsync(db, Source, distinct, groups, categories, memberships, now, cancellationToken);
    }

    private const string UnknownCaller = "Unknown caller";

    private static Ticket ToTicket(ServiceNowIncident incident, ImportDirectory directory, HashSet<string> takenNumbers)
    {
        var last = incident.Last;
        var done = incident.Status is TicketStatus.Resolved or TicketStatus.Closed;
        var ticket = new Ticket
        {
            // A number another ticket already has is left for the desk's own counter to fill in; the source number stays in ExternalRef.
            Number = takenNumbers.Contains(incident.Number) ? "" : incident.Number,
            ExternalRef = ExternalRef(incident.Number),
            Kind = TicketKind.Incident,
            Title = Truncate(incident.Title, TicketFields.TitleMaxLength),
            Description = Description(last),
            RequesterId = directory.User(Source, last.Caller ?? UnknownCaller),
            CategoryId = last.Category is null ? null
                : last.Subcategory is null ? directory.Category(null, last.Category)
                : directory.Category(directory.Category(null, last.Category), last.Subcategory),
            ConfigurationItem = last.ConfigurationItem,
            Impact = last.Impact,
            Urgency = last.Urgency,
            Priority = last.Priority,
            Status = incident.Status,
            PendingReason = incident.PendingReason,
            GroupId = last.Group is null ? null : directory.Group(last.Group),
            OwnerId = last.AssignedTo is null ? null : directory.User(Source, last.AssignedTo),
            Channel = Channel(last.ContactType),
            ResolutionNotes = done ? ServiceNowIncident.ResolutionNotes(last) : null,
            CreatedAt = last.OpenedAt,
            UpdatedAt = incident.UpdatedAt,
            ResolvedAt = done ? last.ResolvedAt ?? last.ClosedAt : null,
            ClosedAt = incident.Status == TicketStatus.Closed ? last.ClosedAt : null,
            Version = 1,
        };
        ticket.History.Add(new TicketEvent { At = last.OpenedAt, ActorId = UserId(last.OpenedBy), Kind = TicketEventKind.Created, Field = "channel", After = ticket.Channel.ToString() });
        foreach (var line in incident.History)
        {
            // History keeps ids for groups and owners, like the desk's own changes, so a rename does not rewrite the past.
            var (field, before, after) = line.Field switch
            {
                ServiceNowIncident.GroupField => ("groupId", GroupId(line.Before), GroupId(line.After)),
                ServiceNowIncident.OwnerField => ("ownerId", OwnerId(line.Before), OwnerId(line.After)),
                _ => (line.Field, line.Before, line.After),
            };
            ticket.History.Add(new TicketEvent { At = line.At, ActorId = UserId(line.Actor), Kind = TicketEventKind.Changed, Field = field, Before = before, After = after });
        }
        return ticket;

        string? GroupId(string? name) => name is null ? null : directory.Group(name).ToString(CultureInfo.InvariantCulture);
        string? OwnerId(string? name) => name is null ? null : directory.User(Source, name).ToString();
        Guid? UserId(string? name) => name is null ? null : directory.User(Source, name);
    }

    private static Data.Channel Channel(string? contactType) => contactType switch
    {
        "Phone" or "IVR" => Data.Channel.Phone,
        "Email" => Data.Channel.Email,
        "Self service" => Data.Channel.Portal,
        _ => Data.Channel.Import,
    };

    private static string Description(ServiceNowEvent last)
    {
        var facts = new (string Name, string? Value)[]
        {
            ("Caller", last.Caller), ("Location", last.Location), ("Contact type", last.ContactType),
            ("Category", last.Category), ("Subcategory", last.Subcategory), ("Symptom", last.Symptom),
        };
        return $"Imported from ServiceNow incident {last.Number}.\n\n"
            + string.Join('\n', facts.Where(f => f.Value is not null).Select(f => $"- {f.Name}: {f.Value}"));
    }

    public static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>A file an import cannot use at all; bad rows inside a usable file are reported, not thrown.</summary>
public sealed class ImportException(string message) : Exception(message);
