using Frontline.Cli;
using Frontline.Data;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Import.Tests;

/// <summary>A fresh SQLite desk in a temporary folder, filled through the real command line.</summary>
public sealed class ImportedDesk : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("frontline-import-").FullName;

    public string DatabasePath => Path.Combine(folder, "frontline.db");

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--database", DatabasePath], output, error);
        return (code, output.ToString(), error.ToString());
    }

    public FrontlineDb Open() =>
        new SqliteFrontlineDb(new DbContextOptionsBuilder<SqliteFrontlineDb>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection only leaves litter in the temp folder.
        }
    }
}
