using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Frontline.Browser.Tests;

/// <summary>Every main page opens for its role without the error bar, and leaves a screenshot to look at.</summary>
[Collection(ServerCollection.Name)]
public sealed class PageTourTests(FrontlineServer server)
{
    private static readonly string Shots = Environment.GetEnvironmentVariable("FRONTLINE_SCREENSHOTS") ?? Path.Combine(Path.GetTempPath(), "ui-shots");

    [Fact]
    public async Task Main_pages_open_for_their_roles_without_errors()
    {
        Directory.CreateDirectory(Shots);
        var olivia = await server.SignInAsync("olivia");
        var maria = await server.SignInAsync("maria");
        var admin = await server.SignInAsync("admin", server.AdminPassword);
        await ShowAsync(olivia, "/portal/new", "portal-new");
        await ShowAsync(olivia, "/portal", "portal");
        var mine = await olivia.Locator(".ticket-list tbody tr").First.GetAttributeAsync("data-number");
        await ShowAsync(olivia, $"/portal/tickets/{mine}", "portal-ticket");
        await ShowAsync(maria, "/desk", "desk-queue");
        var first = await maria.Locator(".queue tbody tr").First.GetAttributeAsync("data-number");
        await ShowAsync(maria, $"/desk/tickets/{first}", "desk-ticket");
        await ShowAsync(maria, "/account/tokens", "tokens");
        await ShowAsync(maria, "/insights/experience", "experience");
        await Expect(maria.Locator("[data-testid=experience-slices]").Nth(1)).ToContainTextAsync("Service Desk");
        await ShowAsync(maria, "/insights/demand", "demand");
        await Expect(maria.Locator("[data-testid=patterns] tbody tr").First).ToBeVisibleAsync();
        await Expect(maria.Locator("[data-testid=actions]")).ToContainTextAsync("Self-service");
        var pattern = await maria.Locator("[data-testid=patterns] tbody tr a").First.GetAttributeAsync("href");
        await ShowAsync(maria, pattern!, "demand-pattern");
        await Expect(maria.Locator("[data-testid=weekly-chart] rect").First).ToBeAttachedAsync();
        await ShowAsync(maria, "/insights/alignment", "alignment");
        await Expect(maria.Locator("[data-testid=alignment-service]", new() { HasText = "VPN" })).ToContainTextAsync("Clock mismatch");
        await ShowAsync(admin, "/admin", "admin");
    }

    private static async Task ShowAsync(IPage page, string url, string name)
    {
        await page.GoLiveAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }
}
