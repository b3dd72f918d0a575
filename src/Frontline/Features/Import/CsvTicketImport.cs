using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Frontline.Cli;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Import;

/// <summary>How the columns of a generic CSV become ticket fields: "title=Document,category=Topic_group".</summary>
public sealed record CsvMapping(IReadOnlyDictionary<string, string> Columns, string? Key, TicketKind Kind, string Source)
{
    public static readonly IReadOnlyList<string> Fields = ["title", "description", "category", "group", "requester", "priority", "createdAt"];

    public static CsvMapping Parse(string map, string? key, string? kind, string? source)
    {
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (pair.Split('=', 2, StringSplitOptions.TrimEntries) is not [var field, var column] || field.Length == 0 || column.Length == 0)
            {
                throw new UsageException($"--map takes field=Column pairs, not '{pair}'.");
            }
            if (!Fields.Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                throw new UsageException($"'{field}' is not a ticket field an import fills: use {string.Join(", ", Fields)}.");
            }
            columns[field] = column;
        }
        if (!columns.ContainsKey("title"))
        {
            throw new UsageException("--map needs title=<column>: every ticket has a title.");
        }
        var ticketKind = kind is null ? TicketKind.Request
            : Enum.TryParse<TicketKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k
            : throw new UsageException($"--kind is incident, request or problem, not '{kind}'.");
        return new CsvMapping(columns, key, ticketKind, source ?? "csv");
    }
}

/// <summary>
/// `frontline import tickets FILE --map …`: one ticket per row. Keyed by the --key column, or by a hash of
/// the mapped values when the file has no key, so running it again adds only rows not yet there.
/// </summary>
public static class CsvTicketImport
{
    private const string DefaultRequester = "Imported requester";

    public static async Task<ImportSummary> RunAsync(IDbContextFactory<FrontlineDb> factory, string path, CsvMapping mapping, TimeProvider clock, TextWriter progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var (rows, bad, good) = Read(path, mapping, now);
        var already = await TicketBatches.ExistingRefsAsync(factory, good.Select(r => r.Ref).ToList(), cancellationToken);
        var fresh = good.Where(r => !already.Contains(r.Ref)).ToList();
        await progress.WriteLineAsync($"  {good.Count:N0} good rows, {fresh.Count:N0} not imported yet");
        var directory = new ImportDirectory();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await directory.EnsureAsync(
                db,
                mapping.Source,
                [.. fresh.Select(r => r.Requester ?? DefaultRequester).Distinct().Select(name => new ImportedPerson(name, Roles.Requester))],
                [.. fresh.Select(r => r.Group).OfType<string>().Distinct()],
                [.. fresh.Select(r => r.Category).OfType<string>().Distinct().Select(c => ((string?)null, c))],
                [],
                now,
                cancellationToken);
        }
        var tickets = fresh.Select(r => ToTicket(r, mapping, directory)).ToList();
        var events = await TicketBatches.WriteAsync(factory, tickets, progress, cancellationToken);
        return new ImportSummary(rows, bad, good.Count, tickets.Count, good.Count - fresh.Count, events,
            directory.UsersCreated, directory.GroupsCreated, directory.CategoriesCreated, watch.Elapsed);
    }

    private sealed record Row(int Line, string Ref, string Title, string Description, string? Category, string? Group, string? Requester, Priority Priority, DateTime CreatedAt);

    private static (int Rows, List<string> Bad, List<Row> Good) Read(string path, CsvMapping mapping, DateTime now)
    {
        using var reader = new StreamReader(CsvRecords.Open(path), Encoding.UTF8);
        Dictionary<string, int> column = [];
        var headerLength = 0;
        var bad = new List<string>();
        var good = new List<Row>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var record in CsvRecords.Read(reader, header =>
        {
            headerLength = header.Length;
            column = header.Select((name, i) => (name, i)).DistinctBy(c => c.name).ToDictionary(c => c.name, c => c.i, StringComparer.OrdinalIgnoreCase);
            var missing = mapping.Columns.Values.Append(mapping.Key).OfType<string>().Where(c => !column.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new ImportException($"{path} has no column {string.Join(", ", missing)}; its columns are {string.Join(", ", header)}.");
            }
        }))
        {
            rows++;
            if (record.Fields.Length != headerLength)
            {
                bad.Add($"line {record.Line}: {record.Fields.Length} fields where the header has {headerLength}");
                continue;
            }
            var parsed = Parse(record, mapping, column, now);
            if (parsed.Error is { } error)
            {
                bad.Add($"line {record.Line}: {error}");
                continue;
            }
            if (!seen.TryAdd(parsed.Row!.Ref, record.Line))
            {
                bad.Add($"line {record.Line}: the same ticket as line {seen[parsed.Row.Ref]} ({(mapping.Key is null ? "same content" : "same " + mapping.Key)})");
                continue;
            }
            good.Add(parsed.Row);
        }
        return (rows, bad, good);
    }

    private static (Row? Row, string? Error) Parse(CsvRecord record, CsvMapping mapping, Dictionary<string, int> column, DateTime now)
    {
        string? Value(string field) => mapping.Columns.TryGetValue(field, out var name) && record.Fields[column[name]].Trim() is { Length: > 0 } v ? v : null;
        var text = Value("title");
        if (text is null)
        {
            return (null, $"{mapping.Columns["title"]} is empty: a ticket needs a title");
        }
        var description = Value("description");
        var title = TicketFields.Title(ShortTitle(string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));
        if (!title.IsOk)
        {
            return (null, title.Error);
        }
        // A long or multi-line title column is usually the whole text (as in topic-labelled exports): keep all of it as the description.
        description ??= text.Length > TicketFields.TitleMaxLength || text.Contains('\n', StringComparison.Ordinal) ? text : "";
        var priority = Priority.P3;
        if (Value("priority") is { } p)
        {
            var digit = p.TrimStart('P', 'p');
            if (digit.Length == 0 || !char.IsAsciiDigit(digit[0]) || !Enum.IsDefined((Priority)(digit[0] - '0')))
            {
                return (null, $"priority '{p}' is not 1–5 or P1–P5");
            }
            priority = (Priority)(digit[0] - '0');
        }
        var createdAt = now;
        if (Value("createdAt") is { } c && !DateTime.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out createdAt))
        {
            return (null, $"createdAt '{c}' is not a date and time");
        }
        var key = mapping.Key is null ? ContentHash(mapping, Value) : record.Fields[column[mapping.Key]].Trim();
        if (key.Length == 0)
        {
            return (null, $"{mapping.Key} is empty: it is the key that tells rows apart");
        }
        // A long key would not fit the reference column; its hash still tells rows apart.
        key = key.Length <= 150 ? key : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return (new Row(record.Line, mapping.Source + ":" + key, title.Value, description, Value("category"), Value("group"), Value("requester"), priority, createdAt), null);
    }

    /// <summary>Without a key column, the mapped values themselves say whether a row was imported before.</summary>
    private static string ContentHash(CsvMapping mapping, Func<string, string?> value)
    {
        var content = string.Join('\u001f', CsvMapping.Fields.Where(mapping.Columns.ContainsKey).Select(f => f + "=" + value(f)));
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32];
    }

    /// <summary>Cuts at a word so that a title from a long text still reads.</summary>
    private static string ShortTitle(string text)
    {
        if (text.Length <= TicketFields.TitleMaxLength)
        {
            return text;
        }
        var cut = text[..(TicketFields.TitleMaxLength - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > TicketFields.TitleMaxLength / 2 ? cut[..space] : cut) + "…";
    }

    private static Ticket ToTicket(Row row, CsvMapping mapping, ImportDirectory directory)
    {
        var ticket = new Ticket
        {
            Number = "",
            ExternalRef = row.Ref,
            Kind = mapping.Kind,
            Title = row.Title,
            Description = row.Description,
            RequesterId = directory.User(mapping.Source, row.Requester ?? DefaultRequester),
            CategoryId = row.Category is null ? null : directory.Category(null, row.Category),
            GroupId = row.Group is null ? null : directory.Group(row.Group),
            Priority = row.Priority,
            Status = TicketStatus.New,
            Channel = Data.Channel.Import,
            CreatedAt = row.CreatedAt,
            UpdatedAt = row.CreatedAt,
            Version = 1,
        };
        ticket.History.Add(new TicketEvent { At = row.CreatedAt, Kind = TicketEventKind.Created, Field = "channel", After = nameof(Data.Channel.Import) });
        return ticket;
    }
}
