using System.Net;
using System.Text.RegularExpressions;
using Frontline.Domain.Tickets;
using Frontline.Features.Experience;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace Frontline.Tests.Api;

/// <summary>The signed one-click survey link in the resolution e-mail: no sign-in, one click records CSAT.</summary>
public abstract partial class SurveyLinkTests(FrontlineServer server)
{
    private async Task<(TicketView Ticket, Guid Requester)> ResolvedTicketForOliviaAsync(bool resolve = true)
    {
        using var sam = await server.ClientForAsync("sam");
        using var olivia = await server.ClientForAsync("olivia");
        var samUser = await server.FindUserAsync("sam");
        var ticket = await olivia.CreateTicketAsync("Calendar invites arrive twice");
        (await sam.AssignAsync(ticket.Number, await server.GroupIdAsync("Service Desk"), samUser.Id)).EnsureSuccessStatusCode();
        (await sam.TransitionAsync(ticket.Number, TicketAction.Start)).EnsureSuccessStatusCode();
        if (resolve)
        {
            (await sam.TransitionAsync(ticket.Number, TicketAction.Resolve, resolutionCode: ResolutionCode.Fixed, notes: "Removed the duplicate delegate.")).EnsureSuccessStatusCode();
        }
        return (ticket, (await server.FindUserAsync("olivia")).Id);
    }

    private SurveyLinks Links => server.Services.GetRequiredService<SurveyLinks>();

    private async Task<ExperienceView> AnswerAsync(string number)
    {
        using var olivia = await server.ClientForAsync("olivia");
        return await (await olivia.GetAsync($"/api/v1/tickets/{number}/experience")).ReadAsync<ExperienceView>();
    }

    [Fact]
    public async Task OneClickRecordsTheScoreAndTheLandingPageTakesTheRest()
    {
        var (ticket, requester) = await ResolvedTicketForOliviaAsync();
        var token = Links.Token(ticket.Id, requester);
        using var browser = server.Anonymous();

        var landing = await browser.GetAsync($"/survey/{token}?score=4");
        var afterClick = await AnswerAsync(ticket.Number);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery().Match(await landing.Content.ReadAsStringAsync()).Groups[1].Value,
            ["effort"] = "6", ["happiness"] = "9", ["lostMinutes"] = "20", ["comment"] = "Fixed before lunch, thanks",
        });
        var sent = await browser.PostAsync($"/survey/{token}", form);
        var complete = await AnswerAsync(ticket.Number);

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal((4, (int?)null), (afterClick.Satisfaction, afterClick.Effort));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal((4, (int?)6, (int?)9, 20, "Fixed before lunch, thanks"), (complete.Satisfaction, complete.Effort, complete.Happiness, complete.LostMinutes, complete.Comment));
    }

    [Fact]
    public async Task ATamperedLinkGetsAClearPageAndRecordsNothing()
    {
        var (ticket, requester) = await ResolvedTicketForOliviaAsync();
        var token = Links.Token(ticket.Id, requester);
        var tampered = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];
        using var browser = server.Anonymous();

        var page = await browser.GetAsync($"/survey/{tampered}?score=1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var olivia = await server.ClientForAsync("olivia");
        Assert.Equal(HttpStatusCode.NotFound, (await olivia.GetAsync($"/api/v1/tickets/{ticket.Number}/experience")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLinkSaysSoAndRecordsNothing()
    {
        var (ticket, requester) = await ResolvedTicketForOliviaAsync();
        var monthAgo = new SurveyLinks(server.Services.GetRequiredService<IDataProtectionProvider>(), server.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), new FixedClock(DateTimeOffset.UtcNow.AddDays(-30)));
        using var browser = server.Anonymous();

        var page = await browser.GetAsync($"/survey/{monthAgo.Token(ticket.Id, requester)}?score=5");

        Assert.Contains("expired", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var olivia = await server.ClientForAsync("olivia");
        Assert.Equal(HttpStatusCode.NotFound, (await olivia.GetAsync($"/api/v1/tickets/{ticket.Number}/experience")).StatusCode);
    }

    [Fact]
    public async Task ALinkToATicketNotResolvedYetWaitsForTheResolution()
    {
        var (ticket, requester) = await ResolvedTicketForOliviaAsync(resolve: false);
        using var browser = server.Anonymous();

        var page = await browser.GetAsync($"/survey/{Links.Token(ticket.Id, requester)}?score=5");

        Assert.Contains("opens once it is resolved", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheLinkForTheEmailIsAbsoluteAndCarriesTheScore()
    {
        var link = Links.For(new Data.Ticket { Id = 42, Number = "INC0000042", Title = "x", RequesterId = Guid.NewGuid() }, 5);

        Assert.Matches("^https?://[^/]+/survey/[A-Za-z0-9_-]+\\?score=5$", link);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SurveyLinkOnSqlite(SqliteServer server) : SurveyLinkTests(server);

[Collection(PostgresCollection.Name)]
public sealed class SurveyLinkOnPostgres(PostgresServer server) : SurveyLinkTests(server);
