using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Frontline.Browser.Tests;

[Collection(ServerCollection.Name)]
public sealed class KnowledgeSuggestionTests(FrontlineServer server)
{
    [Fact]
    public async Task Articles_are_suggested_while_the_requester_types_and_the_desk_sees_the_article_opened()
    {
        var olivia = await server.SignInAsync("olivia");
        await olivia.GoLiveAsync("/portal/new");

        await olivia.Locator("#ticket-title").PressSequentiallyAsync("My VPN keeps disconnec", new LocatorPressSequentiallyOptions { Delay = 30 });

        var suggestion = olivia.Locator("[data-testid=suggestion] a").Filter(new LocatorFilterOptions { HasTextString = "VPN keeps disconnecting" });
        await Expect(suggestion).ToBeVisibleAsync();
        await Expect(olivia.Locator("[data-testid=suggestions] mark").First).ToBeVisibleAsync();
        var article = await olivia.Context.RunAndWaitForPageAsync(() => suggestion.ClickAsync());
        await article.WaitForLiveAsync();
        await Expect(article.Locator("[data-testid=article-title]")).ToHaveTextAsync("VPN keeps disconnecting or will not connect");
        await article.ClickAsync("[data-testid=helpful-yes]");
        await Expect(article.Locator("[data-testid=article-feedback]")).ToContainTextAsync("Thank you");

        var sam = await server.SignInAsync("sam");
        await sam.GoLiveAsync("/knowledge");
        var row = sam.Locator("tr[data-article]").Filter(new LocatorFilterOptions { HasTextString = "VPN keeps disconnecting" });
        await Expect(row.Locator("[data-testid=deflection]")).ToHaveTextAsync("1 · 1 · 0");
        await Expect(row).ToContainTextAsync("1 / 0");
    }

    [Fact]
    public async Task An_agent_inserts_an_article_into_a_reply_and_the_requester_follows_it()
    {
        var olivia = await server.SignInAsync("olivia");
        await olivia.GoLiveAsync("/portal/new");
        await olivia.FillAsync("#ticket-title", "Printer on floor 2 jams");
        // E-mail routes to Sam's group, so the ticket is in his queue to answer.
        await olivia.ChooseAsync("[data-testid=service]", "E-mail");
        await olivia.ClickAsync("[data-testid=submit-ticket]");
        var number = await olivia.WaitForNewTicketAsync();

        var sam = await server.SignInAsync("sam");
        await sam.GoLiveAsync($"/desk/tickets/{number}");
        await sam.FillAsync("#entry-body", "Sorry about that.");
        await sam.Locator("#article-picker").PressSequentiallyAsync("printer jam", new LocatorPressSequentiallyOptions { Delay = 30 });
        await sam.Locator("[data-testid=pick-article]").Filter(new LocatorFilterOptions { HasTextString = "Printer jammed" }).ClickAsync();
        await Expect(sam.Locator("#entry-body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"Sorry about that\.\s+See \[Printer jammed or printing blank pages\]\(/portal/knowledge/\d+\)\."));
        await sam.ClickAsync("[data-testid=send-entry]");

        var link = olivia.Locator(".timeline a").Filter(new LocatorFilterOptions { HasTextString = "Printer jammed or printing blank pages" });
        await Expect(link).ToBeVisibleAsync();
        var article = await olivia.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await Expect(article.Locator("[data-testid=article-title]")).ToHaveTextAsync("Printer jammed or printing blank pages");
    }
}
