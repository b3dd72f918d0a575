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

// The host JITs and re-JITs tens of thousands of methods (tiered compilation) in its first seconds under
// load; the warm-up keeps that and connection set-up out of the first rate's figures.
await RunAsync(http, rate: 100, options.WarmUp, "warm");

Console.WriteLine($"| {options.Label} offered/s | achieved/s | ok | errors | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/ok |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var rate in options.Rates)
{
    var cpuBefore = ServerProcess.Cpu(options.ServerPid);
    var result = await RunAsync(http, rate, options.Duration, $"r{rate}");
    Console.WriteLine(result.Row(rate, ServerProcess.Cpu(options.ServerPid) - cpuBefore));
}

static async Task<Result> RunAsync(HttpClient http, int rate, TimeSpan duration, string prefix)
{
    var total = (int)(rate * duration.TotalSeconds);
    var latencies = new double[total];
    var ok = new bool[total];
    var run = Guid.NewGuid().ToString("N")[..8];
    var clock = Stopwatch.StartNew();
    var requests = new Task[total];
    for (var i = 0; i < total; i++)
    {
        var due = TimeSpan.FromSeconds(i / (double)rate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }
        requests[i] = SendAsync(http, $"{prefix}-{run}-{i}", due, clock, latencies, ok, i);
    }
    await Task.WhenAll(requests);
    var elapsed = clock.Elapsed;
    return new Result(latencies, ok, elapsed);
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

internal sealed record Result(double[] Latencies, bool[] Ok, TimeSpan Elapsed)
{
    public string Row(int rate, TimeSpan? serverCpu)
    {
        var succeeded = Ok.Count(o => o);
        var sorted = Latencies.Order().ToArray();
        string At(double p) => sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        var cpu = serverCpu is { } used && succeeded > 0 ? (used.TotalMilliseconds / succeeded).ToString("0.00", CultureInfo.InvariantCulture) : "-";
        var achieved = (succeeded / Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
        return $"| {rate} | {achieved} | {succeeded} | {Ok.Length - succeeded} | {At(0.50)} | {At(0.95)} | {At(0.99)} | {At(1.0)} | {cpu} |";
    }
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
