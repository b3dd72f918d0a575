using Frontline.Data;

namespace Frontline.Cli;

/// <summary>How `frontline serve` was asked to run.</summary>
public sealed record ServeOptions(
    string Urls,
    DatabaseOptions Database,
    bool Demo,
    IReadOnlyDictionary<string, string?> Settings,
    string[] HostArguments)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";
}

/// <summary>
/// frontline [serve] [--urls U] [--database D] [--data DIR] [--demo] [--sqlite-sync full|normal] [--log-format json]
/// frontline admin create-user|reset-password …
/// frontline import servicenow-events|tickets FILE …
/// frontline triage train|suggest …
/// frontline analyze patterns …
/// frontline mail [--url U] [--token T] [--mailbox NAME] &lt; message
/// frontline generate N --text FILE …
/// frontline recount [--data DIR] [--database D]
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage:
          frontline [serve] [options]          run the service desk (default)
          frontline admin <command> [options]  account administration without the web UI
          frontline import <kind> FILE [opts]  bring tickets in from another desk's export
          frontline triage <command> [opts]    train or try the ticket triage classifier
          frontline analyze patterns [opts]    find what the desk solves again and again
          frontline mail [options] < message   deliver one e-mail from the MTA to a running Frontline
          frontline generate N --text FILE     fill the desk with N realistic tickets, for measuring it at scale
          frontline recount [options]          count the tickets into the queue's tallies afresh (after bypassing triggers)
          frontline help                       this text

        serve options:
          --urls <url>            where to listen (default http://127.0.0.1:5080)
          --data <folder>         where the embedded SQLite database lives (default ./data)
          --database <db>         postgres://user:pass@host/db, a Npgsql "Host=…" string, or a SQLite file
          --demo                  seed a demo organisation on first start
          --sqlite-sync <mode>    full (default: a commit survives power loss) or normal (survives a crash)
          --log-format <format>   text (default) or json

        admin commands (take the same --data/--database options):
          create-user --user <name> --email <address> --name <display name> --role <role>[,<role>…]
          reset-password --user <name>

        import kinds (take the same --data/--database options; FILE may be gzipped):
          servicenow-events FILE            a ServiceNow incident audit log: one ticket per incident, with its history
          tickets FILE --map title=<col>[,description=<col>,category=<col>,group=<col>,requester=<col>,priority=<col>,createdAt=<col>]
                       [--key <col>] [--kind incident|request|problem] [--source <name>]
                                            a generic CSV, one ticket per row; without --key a row is known by its content

        mail options (for an MTA alias; exit 0 delivered, 75 try again later, 65 refused for good):
          --url <url>             the running Frontline (or FRONTLINE_URL)
          --token <token>         a mail-gateway account's access token (or FRONTLINE_MAIL_TOKEN)
          --mailbox <name>        route as this configured mailbox instead of Mail:Pipe
          --timeout <seconds>     how long to wait for the answer (default 120)

        generate (takes the same --data/--database options; needs an imported ServiceNow event log for the shapes):
          N --text FILE [--seed S] [--years Y]   N tickets copied from imported ones, with the words of FILE's
                                            Document column, spread over Y years (default 3)

        recount (takes the same --data/--database options; safe while the desk runs)

        triage commands (take the same --data/--database options):
          train [--target category|group]   learn from the desk's categorised tickets and keep the model
          suggest --text <text>             what the newest model suggests for a text

        analyze patterns (takes the same --data/--database options):
          [--patterns N]                    discover the demand patterns (about sqrt(tickets/2) by default, at most 60),
                                            keep them and print them by handling effort
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        try
        {
            switch (command)
            {
                case "serve":
                    return await ServeAsync(ParseServe(rest), output);
                case "admin":
                    return await AdminCommand.RunAsync(rest, output, error);
                case "import":
                    return await ImportCommand.RunAsync(rest, output, error);
                case "triage":
                    return await TriageCommand.RunAsync(rest, output, error);
                case "analyze":
                    return await AnalyzeCommand.RunAsync(rest, output, error);
                case "mail":
                    return await MailCommand.RunAsync(rest, Console.OpenStandardInput(), output, error);
                case "generate":
                    return await GenerateCommand.RunAsync(rest, output, error);
                case "recount":
                    return await RecountCommand.RunAsync(rest, output);
                case "help" or "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    await error.WriteLineAsync($"frontline: unknown command '{command}'.\n\n{Usage}");
                    return 2;
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"frontline: {e.Message}\n\n{Usage}");
            return 2;
        }
    }

    private static async Task<int> ServeAsync(ServeOptions options, TextWriter output)
    {
        var app = Program.BuildApp(options);
        await Program.PrepareAsync(app, options, output);
        await app.RunAsync();
        return 0;
    }

    public static ServeOptions ParseServe(string[] args)
    {
        var values = Options(args, flags: ["--demo"], valued: ["--urls", "--data", "--database", "--sqlite-sync", "--log-format"]);
        var sync = values.GetValueOrDefault("--sqlite-sync")?.ToLowerInvariant() switch
        {
            null or "full" => SqliteSync.Full,
            "normal" => SqliteSync.Normal,
            var other => throw new UsageException($"--sqlite-sync is full or normal, not '{other}'."),
        };
        var format = values.GetValueOrDefault("--log-format") ?? Environment.GetEnvironmentVariable("FRONTLINE_LOG_FORMAT") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"--log-format is text or json, not '{format}'.");
        }
        var data = values.GetValueOrDefault("--data") ?? Environment.GetEnvironmentVariable("FRONTLINE_DATA") ?? Path.Combine(Environment.CurrentDirectory, "data");
        var database = DatabaseOptions.From(values.GetValueOrDefault("--database") ?? Environment.GetEnvironmentVariable("FRONTLINE_DATABASE"), data, sync);
        return new ServeOptions(
            values.GetValueOrDefault("--urls") ?? ServeOptions.DefaultUrls,
            database,
            values.ContainsKey("--demo"),
            new Dictionary<string, string?> { ["LogFormat"] = format },
            []);
    }

    public static Dictionary<string, string> Options(string[] args, string[] flags, string[] valued)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (flags.Contains(name))
            {
                found[name] = "true";
            }
            else if (valued.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"{name} needs a value."));
                found[name] = value;
            }
            else
            {
                throw new UsageException($"unknown option '{args[i]}'.");
            }
        }
        return found;
    }
}

public sealed class UsageException(string message) : Exception(message);
