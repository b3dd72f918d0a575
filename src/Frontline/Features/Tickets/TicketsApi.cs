using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Frontline.Features.Tickets;

public sealed record EntryRequest(string? Body);

public sealed record TransitionBody(TicketAction Action, PendingReason? PendingReason = null, ResolutionCode? ResolutionCode = null, string? Notes = null);

public sealed record LinkRequest(LinkKind Kind, string? Target);

/// <summary>Everything a script does with tickets, under /api/v1/tickets. Errors are problem details.</summary>
public static class TicketsApi
{
    public static void MapTicketsApi(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapPost("/", CreateAsync);
        tickets.MapGet("/", ListAsync);
        tickets.MapGet("/counts", CountsAsync);
        tickets.MapGet("/{number}", GetAsync);
        tickets.MapPatch("/{number}", UpdateAsync);
        tickets.MapPost("/{number}/assign", AssignAsync);
        tickets.MapPost("/{number}/transitions", TransitionAsync);
        tickets.MapPost("/{number}/replies", (string number, EntryRequest body, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) => AddEntryAsync(number, body, EntryVisibility.Public, caller, desk, db, ct));
        tickets.MapPost("/{number}/notes", (string number, EntryRequest body, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) => AddEntryAsync(number, body, EntryVisibility.Internal, caller, desk, db, ct));
        tickets.MapGet("/{number}/entries", EntriesAsync);
        tickets.MapGet("/{number}/history", HistoryAsync);
        tickets.MapGet("/{number}/links", LinksAsync);
        tickets.MapPost("/{number}/links", LinkAsync);
        tickets.MapDelete("/{number}/links/{linkId:long}", UnlinkAsync);
        tickets.MapGet("/{number}/attachments", AttachmentsAsync);
        // Files are far larger than the 1 MB every other body may be; the multipart framing gets a little room.
        var maxAttachment = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<TicketOptions>>().Value.MaxAttachmentBytes;
        tickets.MapPost("/{number}/attachments", AttachAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxAttachment + 64 * 1024));
        api.MapGet("/attachments/{id:guid}", DownloadAsync).WithTags("Tickets");
    }

    private static async Task<IResult> CreateAsync(
        NewTicket input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        Caller caller,
        TicketDesk desk,
        FrontlineDb db,
        TimeProvider clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        HttpContext http,
        CancellationToken ct)
    {
        if (idempotencyKey is null)
        {
            var outcome = await desk.CreateViewAsync(caller, input, Channel.Api, null, null, ct);
            return outcome.IsDone ? Created(outcome.Value!) : outcome.ToProblem();
        }
        if (idempotencyKey.Length is 0 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["The key is 1 to 200 characters."] });
        }
        var serializer = json.Value.SerializerOptions;
        var requestHash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, serializer));
        try
        {
            // The writer checks the key with the rest of its batch, so a first request (nearly all of them) reads
            // nothing for it here. The view stored for replays is the answer now too, built from memory rather than read back.
            var outcome = await desk.CreateViewAsync(caller, input, Channel.Api, new IdempotencyKey(caller.Id, idempotencyKey), (committing, view) =>
            {
                committing.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    UserId = caller.Id,
                    Key = idempotencyKey,
                    RequestHash = requestHash,
                    StatusCode = StatusCodes.Status201Created,
                    Location = Location(view.Number),
                    Body = JsonSerializer.Serialize(view, serializer),
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
                return Task.CompletedTask;
            }, ct);
            if (outcome.IsDone)
            {
                return Created(outcome.Value!);
            }
            // A key already used gets its first answer even when this request would now be refused (the requester
            // since deactivated, say): a retry must hear what the first try heard.
            var earlier = await EarlierAnswer.For(db)(db, caller.Id, idempotencyKey, ct);
            return earlier is null ? outcome.ToProblem() : Replay(earlier, requestHash, http);
        }
        catch (DbUpdateException)
        {
            // Two requests with one key raced; the one that committed holds the answer.
            db.ChangeTracker.Clear();
            var winner = await EarlierAnswer.For(db)(db, caller.Id, idempotencyKey, ct);
            return winner is null ? throw new InvalidOperationException("A ticket creation failed to save.") : Replay(winner, requestHash, http);
        }

        static IResult Created(TicketView view) => TypedResults.Created(Location(view.Number), view);
    }

    /// <summary>Compiled once: every API creation asks this, and translating the query each time cost more than running it.</summary>
    private static readonly CompiledPerModel<Func<FrontlineDb, Guid, string, CancellationToken, Task<IdempotencyRecord?>>> EarlierAnswer =
        new(() => EF.CompileAsyncQuery((FrontlineDb db, Guid userId, string key, CancellationToken _) =>
            db.IdempotencyRecords.AsNoTracking().SingleOrDefault(r => r.UserId == userId && r.Key == key)));

    private static IResult Replay(IdempotencyRecord earlier, byte[] requestHash, HttpContext http)
    {
        if (!earlier.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            return TypedResults.Problem(
                title: "Idempotency key reused",
                detail: "This Idempotency-Key was used for a different request; use a new key for a new ticket.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        http.Response.Headers.Location = earlier.Location;
        return Results.Content(earlier.Body, "application/json", Encoding.UTF8, earlier.StatusCode);
    }

    private static string Location(string number) => "/api/v1/tickets/" + number;

    private static async Task<IResult> ListAsync(
        Caller caller, FrontlineDb db,
        string? status, string? kind, int? group, string? owner, Guid? requester, string? priority, string? tag, string? q, string? sort, int? limit, string? cursor,
        CancellationToken ct)
    {
        var filter = TicketFilter.Parse(caller, status, kind, group, owner, requester, priority, tag, q, sort, limit, cursor);
        if (!filter.IsDone)
        {
            return filter.ToProblem();
        }
        return TypedResults.Ok(await db.Tickets.AsNoTracking().VisibleMatches(caller, filter.Value!, db).PageAsync(filter.Value!, db, ct));
    }

    /// <summary>The numbers beside a queue's filters: how many of its tickets are in each status (the open ones unless statuses are asked for).</summary>
    private static async Task<IResult> CountsAsync(
        Caller caller, FrontlineDb db,
        string? status, string? kind, int? group, string? owner, Guid? requester, string? priority, string? tag, string? q,
        CancellationToken ct)
    {
        var filter = TicketFilter.Parse(caller, status ?? "open", kind, group, owner, requester, priority, tag, q, null, null, null);
        if (!filter.IsDone)
        {
            return filter.ToProblem();
        }
        return TypedResults.Ok(await db.Tickets.AsNoTracking().CountByStatusAsync(caller, filter.Value!, db, ct));
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> GetAsync(string number, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct)
    {
        var ticket = await desk.FindAsync(caller, number, ct);
        return ticket is null
            ? TypedResults.Problem(title: "Not found", detail: $"There is no ticket {number} you can see.", statusCode: 404)
            : TypedResults.Ok(await TicketViews.LoadAsync(db, caller, ticket.Id, ct));
    }

    private static async Task<IResult> UpdateAsync(string number, TicketPatch patch, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) =>
        await ViewOrProblem(await desk.UpdateAsync(caller, number, patch, ct), caller, db, ct);

    private static async Task<IResult> AssignAsync(string number, Assignment assignment, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) =>
        await ViewOrProblem(await desk.AssignAsync(caller, number, assignment, ct), caller, db, ct);

    private static async Task<IResult> TransitionAsync(string number, TransitionBody body, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) =>
        await ViewOrProblem(await desk.TransitionAsync(caller, number, new TransitionRequest(body.Action, body.PendingReason, body.ResolutionCode, body.Notes), ct), caller, db, ct);

    private static async Task<IResult> ViewOrProblem(Outcome<Ticket> outcome, Caller caller, FrontlineDb db, CancellationToken ct) =>
        outcome.IsDone ? TypedResults.Ok(await TicketViews.LoadAsync(db, caller, outcome.Value!.Id, ct)) : outcome.ToProblem();

    private static async Task<IResult> AddEntryAsync(string number, EntryRequest body, EntryVisibility visibility, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct)
    {
        var outcome = await desk.AddEntryAsync(caller, number, body.Body, visibility, ct);
        if (!outcome.IsDone)
        {
            return outcome.ToProblem();
        }
        var entry = outcome.Value!;
        var author = await db.Users.Where(u => u.Id == entry.AuthorId).Select(u => u.DisplayName).SingleAsync(ct);
        return TypedResults.Created($"{Location(number.ToUpperInvariant())}/entries#{entry.Id}", new EntryView(entry.Id, new PersonRef(entry.AuthorId, author), entry.Visibility, entry.Body, entry.CreatedAt));
    }

    private static Task<IResult> EntriesAsync(string number, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) =>
        ForVisibleAsync(number, caller, desk, async t => TypedResults.Ok(await TicketViews.EntriesAsync(db, caller, t, ct)), ct);

    private static Task<IResult> HistoryAsync(string number, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) =>
        ForVisibleAsync(number, caller, desk, async t => TypedResults.Ok(await TicketViews.HistoryAsync(db, caller, t, ct)), ct);

    private static Task<IResult> LinksAsync(string number, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) =>
        ForVisibleAsync(number, caller, desk, async t => TypedResults.Ok(await TicketViews.LinksAsync(db, t, ct)), ct);

    private static Task<IResult> AttachmentsAsync(string number, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct) =>
        ForVisibleAsync(number, caller, desk, async t => TypedResults.Ok(await TicketViews.AttachmentsAsync(db, t, ct)), ct);

    /// <summary>Answers for a ticket the caller can see, or the same 404 whether it does not exist or is not theirs.</summary>
    internal static async Task<IResult> ForVisibleAsync(string number, Caller caller, TicketDesk desk, Func<Ticket, Task<IResult>> answer, CancellationToken ct)
    {
        var ticket = await desk.FindAsync(caller, number, ct);
        return ticket is null
            ? TypedResults.Problem(title: "Not found", detail: $"There is no ticket {number} you can see.", statusCode: 404)
            : await answer(ticket);
    }

    private static async Task<IResult> LinkAsync(string number, LinkRequest body, Caller caller, TicketDesk desk, FrontlineDb db, CancellationToken ct)
    {
        var outcome = await desk.LinkAsync(caller, number, body.Target, body.Kind, ct);
        if (!outcome.IsDone)
        {
            return outcome.ToProblem();
        }
        var ticket = (await desk.FindAsync(caller, number, ct))!;
        var view = (await TicketViews.LinksAsync(db, ticket, ct)).Single(l => l.Id == outcome.Value!.Id);
        return TypedResults.Created($"{Location(ticket.Number)}/links", view);
    }

    private static async Task<IResult> UnlinkAsync(string number, long linkId, Caller caller, TicketDesk desk, CancellationToken ct)
    {
        var outcome = await desk.UnlinkAsync(caller, number, linkId, ct);
        return outcome.IsDone ? TypedResults.NoContent() : outcome.ToProblem();
    }

    private static async Task<IResult> AttachAsync(string number, IFormFile? file, Caller caller, TicketDesk desk, IOptions<TicketOptions> options, CancellationToken ct)
    {
        if (file is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the file as multipart/form-data in a field named 'file'."] });
        }
        await using var content = file.OpenReadStream();
        var outcome = await desk.AttachAsync(caller, number, file.FileName, file.ContentType, content, options.Value.MaxAttachmentBytes, ct);
        if (!outcome.IsDone)
        {
            return outcome.ToProblem();
        }
        var a = outcome.Value!;
        return TypedResults.Created("/api/v1/attachments/" + a.Id, new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.CreatedAt, "/api/v1/attachments/" + a.Id));
    }

    /// <summary>
    /// Always a download, never a page: a file named "x.html" or typed "image/svg+xml" must not run script
    /// on this site, so the type is only passed on for kinds a browser shows inertly.
    /// </summary>
    private static async Task<IResult> DownloadAsync(Guid id, Caller caller, FrontlineDb db, HttpContext http, CancellationToken ct)
    {
        var visible = db.Tickets.VisibleTo(caller).Select(t => t.Id);
        var file = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && visible.Contains(a.TicketId))
            .Select(a => new { a.FileName, a.ContentType, a.Content!.Bytes })
            .SingleOrDefaultAsync(ct);
        if (file is null)
        {
            return TypedResults.Problem(title: "Not found", detail: "There is no such file you can see.", statusCode: 404);
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var type = AttachmentRules.IsSafeToLabel(file.ContentType) ? file.ContentType : "application/octet-stream";
        return TypedResults.File(file.Bytes, type, file.FileName);
    }
}

public sealed class TicketOptions
{
    public long MaxAttachmentBytes { get; set; } = 20 * 1024 * 1024;
}
