using System.Globalization;
using System.Security.Cryptography;
using Frontline.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Frontline.Features.Experience;

/// <summary>Why a survey link was not honoured, said plainly on the page it lands on.</summary>
public enum SurveyLinkProblem
{
    /// <summary>Not a link Frontline made, or changed on the way (tampered, cut off by the mail client).</summary>
    Invalid,

    Expired,
}

/// <summary>The ticket and requester a survey link was made for.</summary>
public sealed record SurveyLinkHolder(long TicketId, Guid RequesterId);

/// <summary>
/// Signed one-click survey links for the e-mail sent when a ticket is resolved: <c>/survey/{token}?score=N</c>. The
/// token is the ticket and its requester, with an expiry, protected by ASP.NET Core Data Protection (the keys every
/// node shares in the database), so it cannot be forged, altered or pointed at another ticket, and needs no sign-in.
/// </summary>
public sealed class SurveyLinks(IDataProtectionProvider protection, IConfiguration configuration, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("Frontline.Experience.SurveyLink.v1");

    /// <summary>How long a link is honoured ("Experience:SurveyLinkDays", 14 unless set).</summary>
    public TimeSpan Lifetime => TimeSpan.FromDays(configuration.GetValue("Experience:SurveyLinkDays", 14));

    /// <summary>
    /// Where people reach this desk ("Mail:PublicUrl", e.g. https://help.example.com, the same address every other link
    /// in the desk's mail uses); links in e-mail must be absolute.
    /// </summary>
    private string PublicUrl => (configuration["Mail:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    /// <summary>The survey page of the ticket for its requester; add <c>?score=1</c>…<c>5</c> for the one-click CSAT buttons.</summary>
    public string For(Ticket ticket) => For(ticket.Id, ticket.RequesterId);

    public string For(long ticketId, Guid requesterId) => $"{PublicUrl}/survey/{Token(ticketId, requesterId)}";

    /// <summary>The link of one CSAT button.</summary>
    public string For(Ticket ticket, int score) => $"{For(ticket)}?score={score.ToString(CultureInfo.InvariantCulture)}";

    public string Token(long ticketId, Guid requesterId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{ticketId}|{requesterId:N}|{expires}"));
    }

    /// <summary>Whose link this is, or why it is not honoured.</summary>
    public (SurveyLinkHolder? Holder, SurveyLinkProblem? Problem) Read(string? token)
    {
        string payload;
        try
        {
            payload = protector.Unprotect(token ?? "");
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return (null, SurveyLinkProblem.Invalid);
        }
        var parts = payload.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticketId)
            || !Guid.TryParseExact(parts[1], "N", out var requesterId) || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires))
        {
            return (null, SurveyLinkProblem.Invalid);
        }
        return clock.GetUtcNow().ToUnixTimeSeconds() > expires
            ? (null, SurveyLinkProblem.Expired)
            : (new SurveyLinkHolder(ticketId, requesterId), null);
    }
}
