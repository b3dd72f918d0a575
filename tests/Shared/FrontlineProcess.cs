using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Frontline.Testing;

/// <summary>
/// The real frontline executable in a process of its own on a free loopback port, with its output kept for
/// failure messages. A test can kill it the way an operating system or a power cut would (SIGKILL: no
/// shutdown hooks, no flushing) and start another on the same data.
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

    /// <summary>The first administrator's password, printed once by a new installation.</summary>
    public string AdminPassword => AdminPasswordLine().Match(Log) is { Success: true } found
        ? found.Groups[1].Value
        : throw new InvalidOperationException("frontline printed no first admin password:\n" + Log);

    /// <summary>Starts the build of the same configuration as <paramref name="tests"/> and waits until it answers /healthz.</summary>
    public static async Task<FrontlineProcess> StartAsync(Assembly tests, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Prepend(Dll(tests)).Concat(["--urls", address.ToString().TrimEnd('/')]))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
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
                // Not listening yet: migrations, the first admin and any demo data come first.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy; ask again.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"frontline did not become healthy:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host's build output for the same configuration as the calling tests (their project reference builds it).</summary>
    public static string Dll(Assembly tests)
    {
        var configuration = tests.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Frontline.slnx")))
        {
            directory = directory.Parent;
        }
        var dll = directory is null ? "" : Path.Combine(directory.FullName, "src", "Frontline", "bin", configuration, "net10.0", "frontline.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build src/Frontline first: frontline.dll for {configuration} was not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex AdminPasswordLine();
}
