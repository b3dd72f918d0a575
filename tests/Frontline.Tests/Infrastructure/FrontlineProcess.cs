using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Frontline.Data;
using Frontline.Features.Accounts;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// The real frontline executable in a process of its own, so a test can kill it the way an operating
/// system or a power cut would (SIGKILL: no shutdown hooks, no flushing) and start it again on the same data.
/// </summary>
public sealed partial class FrontlineProcess : IAsyncDisposable
{
    private readonly StringBuilder log = new();
    private readonly Process process;

    private FrontlineProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

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

    /// <summary>Starts frontline on the database and waits until it answers /healthz.</summary>
    public static async Task<FrontlineProcess> StartAsync(DatabaseOptions database)
    {
        var address = new Uri($"http://127.0.0.1:{Frontline.Testing.FrontlineBinary.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Frontline.Testing.FrontlineBinary.Dll(typeof(FrontlineProcess).Assembly));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--database");
        start.ArgumentList.Add(database.Provider == DatabaseProvider.Sqlite ? "sqlite:" + SqliteFile(database) : database.ConnectionString);
        start.ArgumentList.Add("--sqlite-sync");
        start.ArgumentList.Add(database.Sync.ToString().ToLowerInvariant());
        // Request logs would only slow the load down; warnings and the first admin's password still show.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error";
        var server = new FrontlineProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start frontline."), address);
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        await server.WaitForHealthAsync();
        return server;
    }

    /// <summary>What a crash does: SIGKILL on Linux, so nothing in the server gets a chance to finish or flush.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    /// <summary>The first administrator's password, printed once by a new installation.</summary>
    public string AdminPassword => AdminPasswordLine().Match(Log) is { Success: true } found
        ? found.Groups[1].Value
        : throw new InvalidOperationException("frontline printed no first admin password:\n" + Log);

    /// <summary>A client holding a personal access token issued the way a script gets one: user name and password.</summary>
    public async Task<HttpClient> ClientWithTokenAsync(string userName, string password)
    {
        var client = new HttpClient { BaseAddress = Address };
        var issued = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { userName, password, name = "resilience" });
        var token = await issued.ReadAsync<IssuedToken>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    private static string SqliteFile(DatabaseOptions database) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // A bound on a broken start, not a timed assertion: a healthy server answers within seconds.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"frontline exited with {process.ExitCode}:\n{Log}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(Address, "/healthz"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: migrations and the first admin come first.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy; ask again.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"frontline did not become healthy:\n{Log}");
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex AdminPasswordLine();
}
