using System.Globalization;

/// <summary>The server's own CPU time (user + system, from /proc): on a machine shared with other work,
/// wall-clock rates move with the neighbours, but the work the server does per request does not.</summary>
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
}
