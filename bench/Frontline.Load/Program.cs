using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// Open-loop load: request i is due at start + i/rate whether or not earlier ones have answered, and its
// latency counts from that due time, so a slow server cannot hide its queue (no coordinated omission).
var options = Arguments.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromSeconds(30),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);

if (options.Reads.Count > 0)
{
    await ReadScenarios.RunAsync(http, options);
    return;
}

// The host compiles and recompiles tens of thousands of methods (tiered compilation) while it warms up, and
// again as the load rises: after 20 s at 100/s it still compiled 1,135 methods in its first 10 s at 1,000/s, and
// after 10 s at 1,000/s 3,700 to 6,200 in the next 10 s, with p99 at 24 to 368 ms (bench/README.md, 6 December
// 2026). The warm-up therefore runs at the first rate until the server compiles almost nothing more, so the
// table shows a desk that has been taking that load; the methods column shows each period's compiling.
var warmedFor = await WarmUpAsync(http, options.Rates[0], options.WarmUp);
Console.WriteLine($"Warmed up for {warmedFor.TotalSeconds:0} s at {options.Rates[0]}/s.");
Console.WriteLine();
Console.WriteLine($"| {options.Label} offered/s | achieved/s | ok | errors | p50 ms | p95 ms | p99 ms | max ms | sent late p99 ms | methods compiled | server CPU ms/ok |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var rate in options.Rates)
{
    // The CPU is read between the two looks at /metrics, so answering them is not charged to the creations.
    var compiledBefore = await ServerProcess.CompiledMethodsAsync(http);
    var cpuBefore = ServerProcess.Cpu(options.ServerPid);
    var result = await RunAsync(http, rate, options.Duration, $"r{rate}");
    var serverCpu = ServerProcess.Cpu(options.ServerPid) - cpuBefore;
    Console.WriteLine(result.Row(rate, await ServerProcess.CompiledMethodsAsync(http) - compiledBefore, serverCpu));
}

// At least `least`, then in steps of 2 s until one in which the server compiled fewer than 20 methods (or 60 s in all).
static async Task<TimeSpan> WarmUpAsync(HttpClient http, int rate, TimeSpan least)
{
    var step = TimeSpan.FromSeconds(2);
    await RunAsync(http, rate, least, "warm");
    var warmedFor = least;
    var compiled = await ServerProcess.CompiledMethodsAsync(http);
    while (compiled is not null && warmedFor < TimeSpan.FromSeconds(60))
    {
        await RunAsync(http, rate, step, "warm");
        warmedFor += step;
        var now = await ServerProcess.CompiledMethodsAsync(http);
        if (now - compiled < 20)
        {
            break;
        }
        compiled = now;
    }
    return warmedFor;
}

static async Task<Result> RunAsync(HttpClient http, int rate, TimeSpan duration, string prefix)
{
    var total = (int)(rate * duration.TotalSeconds);
    var latencies = new double[total];
    var lateness = new double[total];
    var ok = new bool[total];
    var run = Guid.NewGuid().ToString("N")[..8];
    var requests = new Task[total];
    // A thread of its own issues the requests, so their start does not queue behind the thread pool's work of
    // reading 256 connections' answers (with Task.Delay on the pool it ran up to 29 ms late at 1,000/s, which
    // the percentiles charged to the server).
    var clock = Stopwatch.StartNew();
    var pacer = new Thread(() =>
    {
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                // Whole milliseconds: a shorter sleep rounds down to a yield, and the loop would spin a core the
                // server needs. A wake-up sends every request then due, so none leaves more than about 1 ms late.
                Thread.Sleep((int)Math.Ceiling(wait.TotalMilliseconds));
            }
            lateness[i] = (clock.Elapsed - due).TotalMilliseconds;
            requests[i] = SendAsync(http, $"{prefix}-{run}-{i}", due, clock, latencies, ok, i);
        }
    }) { IsBackground = true, Name = "pacer" };
    pacer.Start();
    await Task.Run(pacer.Join);
    await Task.WhenAll(requests);
    return new Result(latencies, lateness, ok, clock.Elapsed);
}

static async Task SendAsync(HttpClient http, string key, TimeSpan due, Stopwatch clock, double[] latencies, bool[] ok, int index)
{
    var body = $$"""{"kind":"incident","title":"Load {{key}}","description":"Created by frontline-load to measure ticket creation."}""";
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    request.Headers.Add("Idempotency-Key", key);
    try
    {
        using var response = await http.SendAsync(request);
        ok[index] = response.IsSuccessStatusCode;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        ok[index] = false;
    }
    latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
}

/// <param name="Lateness">How long after its due time each request was sent: the load generator's own delay, already
/// inside the latency measured from the due time.</param>
internal sealed record Result(double[] Latencies, double[] Lateness, bool[] Ok, TimeSpan Elapsed)
{
    public string Row(int rate, long? compiled, TimeSpan? serverCpu)
    {
        var succeeded = Ok.Count(o => o);
        var sorted = Latencies.Order().ToArray();
        string At(double p) => Percentile(sorted, p);
        var cpu = serverCpu is { } used && succeeded > 0 ? (used.TotalMilliseconds / succeeded).ToString("0.00", CultureInfo.InvariantCulture) : "-";
        var achieved = (succeeded / Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
        return $"| {rate} | {achieved} | {succeeded} | {Ok.Length - succeeded} | {At(0.50)} | {At(0.95)} | {At(0.99)} | {At(1.0)} | {Percentile(Lateness.Order().ToArray(), 0.99)} | {compiled?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {cpu} |";
    }

    private static string Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
}

internal sealed record Arguments(string Url, string Token, IReadOnlyList<int> Rates, TimeSpan Duration, int Connections, string Label, int? ServerPid, TimeSpan WarmUp, IReadOnlyList<(string Name, string Path, string? Token)> Reads, int Requests, int Concurrency)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }
        string Need(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"frontline-load needs {name}.");
        return new Arguments(
            Need("--url"),
            Need("--token"),
            (values.GetValueOrDefault("--rates") ?? "250,500,1000,2000").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList(),
            TimeSpan.FromSeconds(double.Parse(values.GetValueOrDefault("--seconds") ?? "10", CultureInfo.InvariantCulture)),
            int.Parse(values.GetValueOrDefault("--connections") ?? "256", CultureInfo.InvariantCulture),
            values.GetValueOrDefault("--label") ?? "",
            values.TryGetValue("--server-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            TimeSpan.FromSeconds(double.Parse(values.GetValueOrDefault("--warmup-seconds") ?? "10", CultureInfo.InvariantCulture)),
            (values.GetValueOrDefault("--reads") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
                {
                    [var name, var path] => (name, path, (string?)null),
                    [var name, var path, var token] => (name, path, token),
                    _ => throw new ArgumentException($"--reads lines are 'name path' or 'name path token', not '{r}'."),
                })
                .ToList(),
            int.Parse(values.GetValueOrDefault("--requests") ?? "200", CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("--concurrency") ?? "4", CultureInfo.InvariantCulture));
    }
}
