using Frontline.Data;
using Frontline.Domain.Mail;
using Frontline.Features.Accounts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Mail;

public sealed record InboundView(long Id, string MessageKey, string Mailbox, DateTime ReceivedAt, string? From, string? Subject, InboundOutcome Outcome, string? Reason, string? Ticket, int Attempts, long Size);

public sealed record OutboundView(long Id, string? Ticket, NotificationKind Kind, string? To, DateTime CreatedAt, int Attempts, DateTime NextAttemptAt, DateTime? SentAt, DateTime? FailedAt, string? LastError);

public sealed record TemplateBody(string? Subject, string? Body);

/// <summary>
/// /api/v1/mail: the MTA pipe's delivery endpoint (mail gateway or admin), and for admins the intake log with
/// quarantine download and retry, the outbox, and the notification templates.
/// </summary>
public static class MailApi
{
    public static void MapMailApi(this RouteGroupBuilder api)
    {
        var mail = api.MapGroup("/mail").WithTags("Mail");
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<MailSettings>().MaxMessageBytes;
        mail.MapPost("/inbound", DeliverAsync).RequireAuthorization(MailFeature.GatewayPolicy).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes + 1));
        var admin = mail.MapGroup("").RequireAuthorization(AccountsFeature.AdminPolicy);
        admin.MapGet("/inbound", ListInboundAsync);
        admin.MapGet("/inbound/{id:long}/raw", DownloadAsync);
        admin.MapPost("/inbound/{id:long}/retry", RetryAsync);
        admin.MapGet("/outbound", ListOutboundAsync);
        admin.MapGet("/templates", (MailTemplates templates, CancellationToken ct) => templates.ListAsync(ct));
        admin.MapPut("/templates/{kind}/{language}", SaveTemplateAsync);
    }

    /// <summary>One raw RFC 5322 message in the body. 2xx means stored (and handled or quarantined); the pipe exits 0 on it.</summary>
    private static async Task<Results<Ok<InboundAnswer>, ProblemHttpResult, ValidationProblem>> DeliverAsync(
        HttpRequest request, [FromQuery] string? mailbox, MailIntake intake, MailSettings settings, CancellationToken ct)
    {
        RouteSettings? route = mailbox is null ? settings.Pipe : settings.Mailboxes.FirstOrDefault(m => m.Name == mailbox);
        if (route is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mailbox"] = [$"No mailbox is configured as '{mailbox}'; leave it out to use Mail:Pipe."] });
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > settings.MaxMessageBytes)
            {
                return TypedResults.Problem(title: "Message too large", detail: $"Messages are limited to {settings.MaxMessageBytes / (1024 * 1024)} MiB (Mail:MaxMessageBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the raw message (RFC 5322) as the request body."] });
        }
        return TypedResults.Ok(await intake.AcceptAsync(buffer.ToArray(), mailbox ?? MailIntake.PipeMailbox, route, ct));
    }

    private static async Task<Results<Ok<List<InboundView>>, ValidationProblem>> ListInboundAsync(FrontlineDb db, [FromQuery] string? outcome, [FromQuery] int? limit, CancellationToken ct)
    {
        InboundOutcome? only = null;
        if (outcome is not null)
        {
            if (!Enum.TryParse<InboundOutcome>(outcome, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = [$"Outcome is one of {string.Join(", ", Enum.GetNames<InboundOutcome>())}."] });
            }
            only = parsed;
        }
        return TypedResults.Ok(await InboundAsync(db, only, Math.Clamp(limit ?? 100, 1, 500), ct));
    }

    /// <summary>The newest received messages, optionally of one outcome: what the API and the admin page list.</summary>
    public static async Task<List<InboundView>> InboundAsync(FrontlineDb db, InboundOutcome? only, int take, CancellationToken ct)
    {
        var query = db.InboundMessages.AsNoTracking();
        if (only is { } wanted)
        {
            query = query.Where(m => m.Outcome == wanted);
        }
        return await query.OrderByDescending(m => m.Id).Take(take)
            .Select(m => new InboundView(m.Id, m.MessageKey, m.Mailbox, m.ReceivedAt, m.FromAddress, m.Subject, m.Outcome, m.Reason, m.Ticket!.Number, m.Attempts, m.Raw.Length))
            .ToListAsync(ct);
    }

    /// <summary>Handles a quarantined or unfinished message again, routed as its mailbox is; null when it was handled already.</summary>
    public static async Task<InboundAnswer?> HandleAgainAsync(InboundMessage message, MailIntake intake, MailSettings settings, CancellationToken ct)
    {
        if (message.Outcome is not (InboundOutcome.Quarantined or InboundOutcome.Received))
        {
            return null;
        }
        RouteSettings route = settings.Mailboxes.FirstOrDefault(m => m.Name == message.Mailbox) ?? settings.Pipe;
        return await intake.HandleAsync(message, route, ct);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(long id, FrontlineDb db, HttpContext http, CancellationToken ct)
    {
        var raw = await db.InboundMessages.AsNoTracking().Where(m => m.Id == id).Select(m => m.Raw).SingleOrDefaultAsync(ct);
        if (raw is null)
        {
            return TypedResults.Problem(title: "Not found", detail: $"No received message has the id {id}.", statusCode: StatusCodes.Status404NotFound);
        }
        // A message is the sender's content: always a download, never rendered by the browser.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        return TypedResults.File(raw, "message/rfc822", $"message-{id}.eml");
    }

    private static async Task<Results<Ok<InboundAnswer>, ProblemHttpResult>> RetryAsync(long id, FrontlineDb db, MailIntake intake, MailSettings settings, CancellationToken ct)
    {
        var message = await db.InboundMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return TypedResults.Problem(title: "Not found", detail: $"No received message has the id {id}.", statusCode: StatusCodes.Status404NotFound);
        }
        return await HandleAgainAsync(message, intake, settings, ct) is { } answer
            ? TypedResults.Ok(answer)
            : TypedResults.Problem(title: "Not possible now", detail: $"Message {id} was handled ({message.Outcome}); only quarantined or unfinished messages are retried.", statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<List<OutboundView>>, ValidationProblem>> ListOutboundAsync(FrontlineDb db, [FromQuery] string? state, [FromQuery] int? limit, CancellationToken ct)
    {
        var query = db.OutboundMail.AsNoTracking();
        switch (state)
        {
            case null:
                break;
            case "queued":
                query = query.Where(m => m.SentAt == null && m.FailedAt == null);
                break;
            case "sent":
                query = query.Where(m => m.SentAt != null);
                break;
            case "failed":
                query = query.Where(m => m.FailedAt != null);
                break;
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["State is queued, sent or failed."] });
        }
        return TypedResults.Ok(await query.OrderByDescending(m => m.Id).Take(Math.Clamp(limit ?? 100, 1, 500))
            .Select(m => new OutboundView(m.Id, m.Ticket!.Number, m.Kind, m.ToAddress ?? m.Ticket.Requester!.Email, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.SentAt, m.FailedAt, m.LastError))
            .ToListAsync(ct));
    }

    private static async Task<Results<Ok<TemplateView>, ValidationProblem>> SaveTemplateAsync(string kind, string language, TemplateBody body, MailTemplates templates, TimeProvider clock, CancellationToken ct)
    {
        if (!Enum.TryParse<NotificationKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"A notification is one of {string.Join(", ", Enum.GetNames<NotificationKind>())}."] });
        }
        var saved = await templates.SaveAsync(parsed, language, body.Subject, body.Body, clock.GetUtcNow().UtcDateTime, ct);
        return saved.IsOk
            ? TypedResults.Ok(saved.Value)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [saved.Field!] = [saved.Error!] });
    }
}
