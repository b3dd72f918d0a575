using Frontline.Testing;
using Microsoft.Playwright;

namespace Frontline.Browser.Tests;

/// <summary>
/// The real frontline executable with a demo organisation on a fresh SQLite folder and a free port, and
/// one headless Chromium. Shared by every test: seeding the demo takes longer than the tests themselves.
/// </summary>
public class FrontlineServer : IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "frontline-browser-" + Guid.NewGuid().ToString("N"));
    private FrontlineProcess? server;
    private IPlaywright? playwright;

    public string BaseUrl => server!.Address.ToString().TrimEnd('/');

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The first administrator's password, which a new installation prints once at start.</summary>
    public string AdminPassword => server!.AdminPassword;

    /// <summary>Whether to seed the demo organisation; a suite that brings its own data starts faster without it.</summary>
    protected virtual bool Demo => true;

    /// <summary>Settings on top of the defaults, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        server = await FrontlineProcess.StartAsync(typeof(FrontlineServer).Assembly,
            [.. Demo ? ["--demo"] : Array.Empty<string>(), "--data", dataFolder, "--sqlite-sync", "normal"], Settings);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file the server still held; the temp folder is cleaned by the system eventually.
        }
    }

    /// <summary>A browser context of its own (own cookies), signed in as one of the demo people.</summary>
    public async Task<IPage> SignInAsync(string userName, string password = "frontline-demo")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        // Expectations wait as long as actions: on a busy 2-core CI machine a live update can take seconds.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<FrontlineServer>
{
    public const string Name = "frontline server";
}
