using Microsoft.Playwright;

namespace Frontline.Browser.Tests;

/// <summary>Small moves every story makes.</summary>
internal static class Pages
{
    /// <summary>Waits until the page is connected over its circuit; a prerendered page's buttons do nothing before that.</summary>
    public static async Task GoLiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForLiveAsync();
    }

    public static Task WaitForLiveAsync(this IPage page) =>
        page.WaitForSelectorAsync("#circuit[data-live]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>Opens a MudSelect and picks the option with this text.</summary>
    public static async Task ChooseAsync(this IPage page, string selectSelector, string option)
    {
        // MudSelect puts extra attributes on its combobox input, which opens the list when clicked.
        await page.Locator(selectSelector).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextString = option }).First.ClickAsync();
    }
}
