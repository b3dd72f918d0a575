using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Frontline.Browser.Tests;

/// <summary>Small moves every story makes.</summary>
internal static partial class Pages
{
    /// <summary>Waits until the page is connected over its circuit; a prerendered page's buttons do nothing before that.</summary>
    public static async Task GoLiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForLiveAsync();
    }

    public static Task WaitForLiveAsync(this IPage page) =>
        page.WaitForSelectorAsync("#circuit[data-live]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Waits for the portal to show the ticket just submitted and returns its number. The address is polled rather
    /// than awaited as a navigation: Blazor moves to the ticket's page inside the open circuit, and waiting for that
    /// navigation's load event timed out in 1 of 8 runs of one test although the ticket's page had arrived.
    /// </summary>
    public static async Task<string> WaitForNewTicketAsync(this IPage page)
    {
        await Expect(page).ToHaveURLAsync(NewTicketAddress());
        return page.Url.Split('/')[^1];
    }

    /// <summary>Waits until the page's address ends with this path, as <see cref="WaitForNewTicketAsync"/> does.</summary>
    public static Task WaitForPathAsync(this IPage page, string path) =>
        Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));

    [GeneratedRegex(@"/portal/tickets/INC\d+$")]
    private static partial Regex NewTicketAddress();

    /// <summary>Opens a MudSelect and picks the option with this text.</summary>
    public static async Task ChooseAsync(this IPage page, string selectSelector, string option)
    {
        // MudSelect puts extra attributes on its combobox input, which opens the list when clicked.
        await page.Locator(selectSelector).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextString = option }).First.ClickAsync();
    }
}
