using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Frontline.Testing;

namespace Frontline.Browser.Tests;

/// <summary>
/// A desk whose every shown field holds a string of the hostile corpus: names of groups, services, categories and
/// people, tickets (title, description, configuration item, tags, replies, notes, attachment names, resolution notes,
/// survey comments) and access tokens. Put in through the API the way any client could, and kept as the server
/// stored it, so that pages can be checked for showing exactly that text. A server of its own, without the demo:
/// the corpus would otherwise fill the queues other suites click through.
/// </summary>
public sealed class HostileDesk : FrontlineServer
{
    public const string Password = "hostile-corpus-password";

    protected override bool Demo => false;

    /// <summary>Issuing a token per corpus string is more than the sign-in limit allows a minute.</summary>
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["SignInAttemptsPerMinute"] = "100000" };

    /// <summary>What the server kept of each corpus string, by field, for the literal-text checks.</summary>
    public Dictionary<string, List<string>> Stored { get; } = [];

    public List<string> Tickets { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var admin = await ClientAsync("admin", AdminPassword);
        var groups = new List<int>();
        var services = new List<int>();
        var categories = new List<int>();
        foreach (var (text, i) in HostileStrings.All.Select((s, i) => (s, i)))
        {
            if (await TryAsync(admin, HttpMethod.Post, "/api/v1/groups", new { name = text, description = text }, "group", "name") is { } group)
            {
                groups.Add((int)group["id"]!);
                if (await TryAsync(admin, HttpMethod.Post, "/api/v1/services", new { name = text, description = text, defaultGroupId = (int)group["id"]! }, "service", "name") is { } service)
                {
                    services.Add((int)service["id"]!);
                }
            }
            if (await TryAsync(admin, HttpMethod.Post, "/api/v1/categories", new { name = text }, "category", "name") is { } category)
            {
                categories.Add((int)category["id"]!);
            }
            await TryAsync(admin, HttpMethod.Post, "/api/v1/users", new { userName = $"person{i}", email = $"person{i}@example.com", displayName = text, organisation = text, password = Password }, "person", "user.displayName");
            await TryAsync(admin, HttpMethod.Post, "/api/v1/tokens", new { name = text, expiresInDays = 30 }, "token", "name");
        }
        var fixer = await (await admin.PostAsJsonAsync("/api/v1/users", new { userName = "fixer", email = "fixer@example.com", displayName = HostileStrings.Script[0], password = Password, roles = new[] { "agent", "manager" } })).Content.ReadFromJsonAsync<JsonObject>();
        await (await admin.PostAsJsonAsync("/api/v1/users", new { userName = "reporter", email = "reporter@example.com", displayName = HostileStrings.Script[1], password = Password })).Content.ReadFromJsonAsync<JsonObject>();
        var fixerId = (string)fixer!["user"]!["id"]!;
        foreach (var group in groups)
        {
            (await admin.PutAsync($"/api/v1/groups/{group}/members/{fixerId}", null)).EnsureSuccessStatusCode();
        }

        using var reporter = await ClientAsync("reporter", Password);
        using var desk = await ClientAsync("fixer", Password);
        foreach (var (text, i) in HostileStrings.All.Select((s, i) => (s, i)))
        {
            var title = text.Trim().Length is > 0 and <= 200 ? text : $"Corpus string {i}";
            var ticket = await TryAsync(reporter, HttpMethod.Post, "/api/v1/tickets", new
            {
                kind = "incident",
                title,
                description = text,
                configurationItem = text.Length <= 200 ? text : null,
                serviceId = services[i % services.Count],
                categoryId = categories[i % categories.Count],
            }, "title", "title") ?? throw new InvalidOperationException($"Corpus string {i} made no ticket.");
            var number = (string)ticket!["number"]!;
            Tickets.Add(number);
            // Tags are letters, digits and -_. only, so most of the corpus is refused here; what passes is shown.
            await TryAsync(desk, HttpMethod.Patch, $"/api/v1/tickets/{number}", new { tags = new[] { text } }, "tags", null);
            await TryAsync(desk, HttpMethod.Post, $"/api/v1/tickets/{number}/replies", new { body = text }, "reply", "body");
            await TryAsync(desk, HttpMethod.Post, $"/api/v1/tickets/{number}/notes", new { body = text }, "note", "body");
            // Multipart headers are capped at 16 KiB; a 1,000-character name still tests the 255-character cut.
            await AttachAsync(reporter, number, text.Length > 1000 ? text[..1000] : text);
            (await desk.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { ownerId = fixerId })).EnsureSuccessStatusCode();
            if (await TryAsync(desk, HttpMethod.Post, $"/api/v1/tickets/{number}/transitions", new { action = "resolve", resolutionCode = "fixed", notes = text }, "resolution", "resolution.notes") is null)
            {
                (await desk.PostAsJsonAsync($"/api/v1/tickets/{number}/transitions", new { action = "resolve", resolutionCode = "fixed", notes = "Fixed." })).EnsureSuccessStatusCode();
            }
            await TryAsync(reporter, HttpMethod.Post, $"/api/v1/tickets/{number}/experience", new { satisfaction = 1, effort = 1, comment = text }, "comment", "comment");
        }
    }

    /// <summary>Sends; on success remembers the stored text at <paramref name="path"/> (if any) under <paramref name="field"/>; a refusal (4xx) is fine.</summary>
    private async Task<JsonObject?> TryAsync(HttpClient client, HttpMethod method, string url, object body, string field, string? path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
        if ((int)response.StatusCode >= 500)
        {
            throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        JsonNode? value = answer;
        foreach (var step in (path ?? "-").Split('.'))
        {
            value = value?[step];
        }
        if (value is JsonValue stored && stored.GetValue<string>() is { Length: > 0 } text)
        {
            (Stored.TryGetValue(field, out var list) ? list : Stored[field] = []).Add(text);
        }
        return answer;
    }

    private async Task AttachAsync(HttpClient client, string number, string fileName)
    {
        using var content = HostileUpload.Of(fileName, "text/plain", "named " + fileName);
        using var response = await client.PostAsync($"/api/v1/tickets/{number}/attachments", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Attaching {fileName[..Math.Min(fileName.Length, 80)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        (Stored.TryGetValue("attachment", out var list) ? list : Stored["attachment"] = []).Add((string)answer!["fileName"]!);
    }

    private async Task<HttpClient> ClientAsync(string userName, string password)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var issued = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { userName, password, name = "corpus" });
        issued.EnsureSuccessStatusCode();
        var token = (string)(await issued.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
