using System.Globalization;

/// <summary>What the server spent: its own CPU time (user + system, from /proc), as on a machine shared with other
/// work wall-clock rates move with the neighbours but the work the server does per request does not; and how many
/// methods its JIT compiled, which tells a period of a server still warming up from one that has warmed.</summary>
internal static class ServerProcess
{
    public static TimeSpan? Cpu(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of proc(5), counted after the command name, in clock ticks of 1/100 s.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>How many methods the server's JIT has compiled so far (its /metrics), or null where it does not say.</summary>
    public static async Task<long?> CompiledMethodsAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync("/metrics");
        const string name = "system_runtime_dotnet_jit_compiled_methods ";
        return metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(l => (long?)long.Parse(l[name.Length..], CultureInfo.InvariantCulture)).FirstOrDefault();
    }
}
