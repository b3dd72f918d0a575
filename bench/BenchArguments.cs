namespace Frontline.Benchmarks;

/// <summary>
/// A bench's command line: each "--name value" option is taken once, and what is left (a data file) comes after.
/// Linked into every bench project that takes options, so they all read the same way.
/// </summary>
internal sealed class BenchArguments(IEnumerable<string> args)
{
    private readonly List<string> arguments = [.. args];

    /// <summary>The first argument no option took, such as a data file.</summary>
    public string? Rest => arguments.FirstOrDefault();

    public string? Take(string name)
    {
        var at = arguments.IndexOf(name);
        if (at < 0 || at + 1 >= arguments.Count)
        {
            return null;
        }
        var value = arguments[at + 1];
        arguments.RemoveRange(at, 2);
        return value;
    }

    public bool TakeSwitch(string name) => arguments.Remove(name);
}
