namespace Frontline.Data;

/// <summary>
/// What someone searches for, as a LIKE pattern that finds the text anywhere. Their %, _ and \ are escaped with
/// <see cref="Escape"/> so they match themselves: a search for "%" finds a percent sign, not every row.
/// </summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
