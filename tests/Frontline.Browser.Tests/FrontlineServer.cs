using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace Frontline.Browser.Tests;

/// <summary>
/// The real frontline executable with a demo organisation on a fresh SQLite folder and a free port, and
/// one headless Chromium. Shared by every test: seeding the demo takes longer than the tests themselves.
/// </summary>
public sealed class FrontlineServer : IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "frontline-browser-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder log = new();
    private Process? process;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        BaseUrl = $"http://127.0.0.1:{Frontline.Testing.FrontlineBinary.FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Frontline.Testing.FrontlineBinary.Dll(typeof(FrontlineServer).Assembly), "--demo", "--urls", BaseUrl, "--data", dataFolder, "--sqlite-sync", "normal" })
        {
            start.ArgumentList.Add(arg);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start frontline.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForHealthAsync();

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
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file the server still held; the temp folder is cleaned by the system eventually.
        }
    }

    /// <summary>The first administrator's password, which a new installation prints once at start.</summary>
    public string AdminPassword =>
        System.Text.RegularExpressions.Regex.Match(Log, @"password:\s+(\S+)") is { Success: true } found
            ? found.Groups[1].Value
            : throw new InvalidOperationException("frontline printed no first admin password:\n" + Log);

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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"frontline exited with {process.ExitCode}:\n{Log}");
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the demo organisation is still being seeded.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy; ask again.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"frontline did not become healthy:\n{Log}");
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<FrontlineServer>
{
    public const string Name = "frontline server";
}
