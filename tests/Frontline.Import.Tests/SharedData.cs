namespace Frontline.Import.Tests;

/// <summary>
/// The public datasets live in shared/data beside the repository (see its README), not in the repository,
/// so the tests look upward for them; FRONTLINE_TEST_DATA points elsewhere.
/// </summary>
public static class SharedData
{
    public static string File(string name)
    {
        if (Environment.GetEnvironmentVariable("FRONTLINE_TEST_DATA") is { Length: > 0 } folder)
        {
            return Path.Combine(folder, name);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"No shared/data/{name} above {AppContext.BaseDirectory}; set FRONTLINE_TEST_DATA to the folder that has it.");
    }

    /// <summary>The plain lines of a gzipped CSV, read without any of the code under test.</summary>
    public static IEnumerable<string> Lines(string path)
    {
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(System.IO.File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
