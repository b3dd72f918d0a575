using Frontline.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Frontline.Browser.Tests;

/// <summary>
/// Every page that shows people's text, opened in Chromium over a desk filled with the hostile corpus: no dialog
/// opens, no element carries a live script handler or javascript: address, and the text stands there as typed.
/// In the demo server's collection only so that the two servers do not start and seed at the same time.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class HostileCorpusInBrowserTests(HostileDesk desk) : IClassFixture<HostileDesk>
{
    [Fact]
    public async Task The_requesters_portal_shows_hostile_titles_descriptions_replies_and_file_names_as_text()
    {
        var page = await desk.SignInAsync("reporter", HostileDesk.Password);
        var dialogs = Watch(page);

        await OpenAsync(page, "/portal", dialogs);
        foreach (var (number, i) in desk.Tickets.Select((n, i) => (n, i)))
        {
            await OpenAsync(page, $"/portal/tickets/{number}", dialogs);
            await Expect(page.Locator("h1")).ToHaveTextAsync(desk.Stored["title"][i]);
            await Expect(page.Locator("body")).ToContainTextAsync(desk.Stored["attachment"][i]);
        }
        await OpenAsync(page, "/portal/new", dialogs);
        foreach (var text in HostileStrings.Script)
        {
            await page.FillAsync("#ticket-description", text);
            await page.WaitForTimeoutAsync(200);
            await AssertInertAsync(page, dialogs, "/portal/new preview");
        }
    }

    [Fact]
    public async Task The_desk_queue_and_ticket_pages_show_every_hostile_field_as_text()
    {
        var page = await desk.SignInAsync("fixer", HostileDesk.Password);
        var dialogs = Watch(page);

        await OpenAsync(page, "/desk?status=resolved", dialogs);
        foreach (var title in desk.Stored["title"])
        {
            await Expect(page.Locator(".queue")).ToContainTextAsync(title);
        }
        foreach (var (number, i) in desk.Tickets.Select((n, i) => (n, i)))
        {
            await OpenAsync(page, $"/desk/tickets/{number}", dialogs);
            await Expect(page.Locator("h1")).ToHaveTextAsync(desk.Stored["title"][i]);
            await Expect(page.Locator("body")).ToContainTextAsync(desk.Stored["attachment"][i]);
            await Expect(page.Locator("body")).ToContainTextAsync(HostileStrings.Script[1]);
        }
    }

    [Fact]
    public async Task The_admin_pages_show_hostile_names_of_people_groups_services_and_categories_as_text()
    {
        var page = await desk.SignInAsync("admin", desk.AdminPassword);
        var dialogs = Watch(page);
        await OpenAsync(page, "/admin", dialogs);

        foreach (var (tab, field) in new[] { ("People", "person"), ("Groups", "group"), ("Services", "service"), ("Categories", "category") })
        {
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = tab, Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            foreach (var name in desk.Stored[field])
            {
                await Expect(page.Locator(".mud-tabs-panels")).ToContainTextAsync(name);
            }
            await AssertInertAsync(page, dialogs, "/admin " + tab);
        }
    }

    [Fact]
    public async Task The_experience_dashboard_shows_hostile_survey_comments_titles_and_service_names_as_text()
    {
        var page = await desk.SignInAsync("fixer", HostileDesk.Password);
        var dialogs = Watch(page);

        await OpenAsync(page, "/insights/experience?days=30", dialogs);

        await ShowsEachAsync(page, desk.Stored["comment"].Concat(desk.Stored["service"]));
    }

    [Fact]
    public async Task The_tokens_page_shows_hostile_token_names_as_text()
    {
        var page = await desk.SignInAsync("admin", desk.AdminPassword);
        var dialogs = Watch(page);

        await OpenAsync(page, "/account/tokens", dialogs);

        await ShowsEachAsync(page, desk.Stored["token"]);
    }

    [Fact]
    public async Task Saved_views_with_hostile_names_are_listed_as_text()
    {
        var page = await desk.SignInAsync("fixer", HostileDesk.Password);
        var dialogs = Watch(page);
        await OpenAsync(page, "/desk", dialogs);

        foreach (var name in HostileStrings.Script)
        {
            await page.GetByPlaceholder("Name this view").FillAsync(name);
            await page.GetByLabel("Save this view").ClickAsync();
            await Expect(page.Locator(".saved-view").GetByText(name, new LocatorGetByTextOptions { Exact = true })).ToHaveCountAsync(1);
        }
        await OpenAsync(page, "/desk", dialogs);

        foreach (var name in HostileStrings.Script)
        {
            await Expect(page.Locator(".saved-view").GetByText(name, new LocatorGetByTextOptions { Exact = true })).ToHaveCountAsync(1);
        }
    }

    private static async Task ShowsEachAsync(IPage page, IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            await Expect(page.Locator("body")).ToContainTextAsync(text);
        }
    }

    /// <summary>Every dialog a page opens, dismissed at once: alert(1) in the corpus is how script announces it ran.</summary>
    private static List<string> Watch(IPage page)
    {
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }
            _ = dialog.DismissAsync();
        };
        return dialogs;
    }

    private static async Task OpenAsync(IPage page, string url, List<string> dialogs)
    {
        await page.GoLiveAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await AssertInertAsync(page, dialogs, url);
    }

    /// <summary>No dialog so far, and nothing in the page that would run corpus script when loaded, hovered or clicked.</summary>
    private static async Task AssertInertAsync(IPage page, List<string> dialogs, string where)
    {
        var live = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => (a.name.startsWith('on') && /alert|cookie/i.test(a.value))
                        || (/^(href|src|action|formaction|data|srcdoc)$/.test(a.name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(a.value)))
                    .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value}">`))
                .concat([...document.querySelectorAll('script, iframe, object, embed')]
                    .filter(s => /alert/.test(s.textContent + (s.getAttribute('src') || '') + (s.getAttribute('srcdoc') || '')))
                    .map(s => s.outerHTML.slice(0, 120)))
            """);
        Assert.True(live.Length == 0, $"live script on {where}: {string.Join(", ", live)}");
        lock (dialogs)
        {
            Assert.True(dialogs.Count == 0, $"a dialog opened on {where}: {string.Join(", ", dialogs)}");
        }
    }
}
