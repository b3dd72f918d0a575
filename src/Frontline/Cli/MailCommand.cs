using System.Net;
using System.Net.Http.Headers;

namespace Frontline.Cli;

/// <summary>
/// `frontline mail`: the MTA's delivery agent, as Request Tracker's rt-mailgate. Reads one RFC 5322 message on
/// stdin and posts it to a running Frontline. The exit code tells the MTA what to do: 0 delivered (or kept
/// in quarantine), 75 (EX_TEMPFAIL) try again later, 65 (EX_DATAERR) refused for good (too large), which
/// the MTA bounces to the sender, who then knows.
/// </summary>
public static class MailCommand
{
    public const int Delivered = 0;
    public const int DataError = 65;
    public const int TryAgainLater = 75;

    public static async Task<int> RunAsync(string[] args, Stream input, TextWriter output, TextWriter error)
    {
        Dictionary<string, string> values;
        try
        {
            values = CommandLine.Options(args, flags: [], valued: ["--url", "--token", "--mailbox", "--timeout"]);
        }
        catch (UsageException e)
        {
            // A broken alias must not bounce mail: the MTA keeps it queued until the admin fixes the command.
            await error.WriteLineAsync($"frontline mail: {e.Message}");
            return TryAgainLater;
        }
        var url = values.GetValueOrDefault("--url") ?? Environment.GetEnvironmentVariable("FRONTLINE_URL");
        var token = values.GetValueOrDefault("--token") ?? Environment.GetEnvironmentVariable("FRONTLINE_MAIL_TOKEN");
        if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(token) || !Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
        {
            await error.WriteLineAsync("frontline mail: needs --url (or FRONTLINE_URL) of a running Frontline and --token (or FRONTLINE_MAIL_TOKEN) of a mail-gateway account.");
            return TryAgainLater;
        }
        var seconds = int.TryParse(values.GetValueOrDefault("--timeout") ?? "120", System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 120;
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        var target = new Uri(baseUrl, "/api/v1/mail/inbound" + (values.TryGetValue("--mailbox", out var mailbox) ? "?mailbox=" + Uri.EscapeDataString(mailbox) : ""));
        using var client = new HttpClient();
        client.Timeout = TimeSpan.FromSeconds(seconds);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        try
        {
            using var content = new ByteArrayContent(buffer.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            using var response = await client.PostAsync(target, content);
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync(body);
                return Delivered;
            }
            await error.WriteLineAsync($"frontline mail: {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
            return response.StatusCode is HttpStatusCode.RequestEntityTooLarge ? DataError : TryAgainLater;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"frontline mail: {target.GetLeftPart(UriPartial.Authority)} did not answer ({e.Message}); the MTA will try again.");
            return TryAgainLater;
        }
    }
}
