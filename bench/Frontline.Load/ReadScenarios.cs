using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

/// <summary>
/// Reads against a full desk (queues, counts, search, dashboards): each path is asked <c>--requests</c> times by
/// <c>--concurrency</c> clients in a closed loop, after a short warm-up, and its latency percentiles printed. A read
/// with a token of its own is asked as that caller (an agent sees another desk than the manager of <c>--token</c>).
/// </summary>
internal static class ReadScenarios
{
    private const int WarmUp = 10;

    public static async Task RunAsync(HttpClient http, Arguments options)
    {
        Console.WriteLine($"| {options.Label} scenario | requests | errors | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/request |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, path, token) in options.Reads)
        {
            await MeasureAsync(http, path, token, WarmUp, 1);
            var cpuBefore = ServerProcess.Cpu(options.ServerPid);
            var (latencies, errors) = await MeasureAsync(http, path, token, options.Requests, options.Concurrency);
            var cpu = ServerProcess.Cpu(options.ServerPid) - cpuBefore;
            Array.Sort(latencies);
            string At(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
            var perRequest = cpu is { } used ? (used.TotalMilliseconds / latencies.Length).ToString("0.0", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"| {name} | {latencies.Length} | {errors} | {At(0.50)} | {At(0.95)} | {At(0.99)} | {At(1.0)} | {perRequest} |");
        }
    }

    private static async Task<(double[] Latencies, int Errors)> MeasureAsync(HttpClient http, string path, string? token, int requests, int concurrency)
    {
        var latencies = new double[requests];
        var errors = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < requests)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, path);
                    if (token is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[i] = clock.Elapsed.TotalMilliseconds;
            }
        }));
        return (latencies, errors);
    }
}
