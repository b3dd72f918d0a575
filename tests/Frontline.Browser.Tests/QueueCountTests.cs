using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Frontline.Browser.Tests;

[Collection(ServerCollection.Name)]
public sealed class QueueCountTests(FrontlineServer server)
{
    private static ILocator Chip(IPage page, string status) => page.Locator($"[data-testid=status-counts] [data-status={status}]");

    private static async Task<int> CountOnAsync(IPage page, string status) =>
        int.Parse((await Chip(page, status).GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_status_count_beside_the_queue_is_the_number_of_tickets_its_chip_narrows_the_queue_to()
    {
        var sam = await server.SignInAsync("sam");
        await sam.GoLiveAsync("/desk");
        await Expect(Chip(sam, "open")).ToBeVisibleAsync();
        string[] statuses = ["new", "assigned", "inProgress", "pending"];
        var shown = new Dictionary<string, int>();
        foreach (var status in statuses.Append("open"))
        {
            shown[status] = await CountOnAsync(sam, status);
        }

        Assert.Equal(shown["open"], statuses.Sum(s => shown[s]));
        foreach (var status in statuses)
        {
            await Chip(sam, status).ClickAsync();
            // The page moves within its circuit (no load event): the address is what changes.
            await Expect(sam).ToHaveURLAsync(new Regex("status=" + status + "$"));
            var rows = sam.Locator($"[data-testid=queue][data-query='status={status}'] tbody tr[data-number]");
            await Expect(rows).ToHaveCountAsync(Math.Min(shown[status], 50));
            for (var loaded = 50; loaded < shown[status]; loaded += 50)
            {
                await sam.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Load more" }).ClickAsync();
                await Expect(rows).ToHaveCountAsync(Math.Min(shown[status], loaded + 50));
            }
            await Expect(Chip(sam, status)).ToHaveAttributeAsync("data-count", shown[status].ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task A_new_portal_ticket_raises_the_new_count_on_an_open_queue_without_a_reload()
    {
        var sam = await server.SignInAsync("sam");
        await sam.GoLiveAsync("/desk");
        await Expect(Chip(sam, "new")).ToBeVisibleAsync();
        var before = await CountOnAsync(sam, "new");
        var reloads = 0;
        sam.Load += (_, _) => reloads++;

        var olivia = await server.SignInAsync("olivia");
        await olivia.GoLiveAsync("/portal/new");
        await olivia.FillAsync("#ticket-title", "Headset crackles " + Guid.NewGuid().ToString("N")[..6]);
        await olivia.FillAsync("#ticket-description", "Only on calls.");
        await olivia.ChooseAsync("[data-testid=service]", "E-mail");
        await olivia.ClickAsync("[data-testid=submit-ticket]");
        await olivia.WaitForNewTicketAsync();

        await Expect(Chip(sam, "new")).ToHaveAttributeAsync("data-count", (before + 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, reloads);
    }
}
