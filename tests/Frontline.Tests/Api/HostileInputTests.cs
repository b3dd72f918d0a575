using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frontline.Data;
using Frontline.Testing;
using Frontline.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Api;

/// <summary>
/// What attackers and broken clients send: the shared strings of <see cref="HostileStrings"/> in every field, plus
/// what only an API sees (huge and deeply nested JSON, invalid UTF-8), thrown at every write endpoint of the API, as an administrator
/// so that no policy stops it early. The server may refuse anything, but never with a 5xx, and the tickets
/// stay whole. A server of its own, because the corpus renames and rewrites whatever it reaches.
/// </summary>
public abstract partial class HostileInputTests(FrontlineServer server)
{
    private const long MaxBodyBytes = 1024 * 1024;

    private static readonly string[] Fields =
    [
        "kind", "title", "description", "body", "notes", "name", "target", "email", "userName", "displayName",
        "password", "organisation", "timeZone", "configurationItem", "action", "pendingReason", "resolutionCode",
        "impact", "urgency", "priority", "status", "role",
    ];

    [Fact]
    public async Task No_write_endpoint_answers_5xx_to_hostile_input_and_every_ticket_stays_whole()
    {
        using var admin = await server.ClientForAsync("admin");
        // A hang is a failure to report with its request, not a reason to stop the corpus.
        admin.Timeout = TimeSpan.FromSeconds(30);
        var ticket = await admin.CreateTicketAsync("Target of the hostile corpus");
        var someone = await server.FindUserAsync("sam");
        var routes = WriteRoutes(ticket.Number, someone.Id);

        var failures = new List<string>();
        foreach (var (method, path) in routes)
        {
            foreach (var (name, body) in Bodies())
            {
                using var request = new HttpRequestMessage(method, path) { Content = body() };
                // A connection of its own: after refusing an oversized body Kestrel closes the connection, and a
                // pooled one could be reused just as it closes.
                request.Headers.ConnectionClose = true;
                var size = request.Content.Headers.ContentLength ?? 0;
                try
                {
                    using var response = await admin.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{method} {path} with {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException) when (size > MaxBodyBytes)
                {
                    // Kestrel answers 413 and closes the connection while the client is still sending.
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Add($"{method} {path} with {name}: no answer ({e.Message})");
                }
            }
        }

        Assert.True(routes.Count >= 15, $"only {routes.Count} write endpoints were found");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var tickets = await server.WithDbAsync(db => db.Tickets.AsNoTracking()
            .Select(t => new { t.Number, Created = t.History.Count(e => e.Kind == TicketEventKind.Created) })
            .ToListAsync());
        Assert.All(tickets, t => Assert.Equal(1, t.Created));
        Assert.Equal(tickets.Count, tickets.Select(t => t.Number).Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/tickets/{ticket.Number}")).StatusCode);
    }

    /// <summary>Every POST, PUT and PATCH under /api/v1, with route values that reach real rows.</summary>
    private List<(HttpMethod Method, string Path)> WriteRoutes(string ticketNumber, Guid userId)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["number"] = ticketNumber,
            ["id"] = "1",
            ["userId"] = userId.ToString(),
            ["linkId"] = "1",
            ["kind"] = "created",
            ["language"] = "en",
            ["supplier"] = "Acme%20Networks",
        };
        return server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, e.RoutePattern.RawText!)))
            .Where(r => r.Method is "POST" or "PUT" or "PATCH")
            .Select(r =>
            {
                // {id:int} stands for a user where the route is about people, else for the first group, service or category.
                var path = RouteParameter().Replace(r.Item2, m =>
                    m.Groups["name"].Value == "id" && m.Groups["constraint"].Value == ":guid" ? userId.ToString() : values[m.Groups["name"].Value]);
                return (new HttpMethod(r.Method), path);
            })
            .Distinct()
            .ToList();
    }

    private static IEnumerable<(string Name, Func<HttpContent> Body)> Bodies()
    {
        foreach (var (value, i) in HostileStrings.All.Select((s, i) => (s, i)))
        {
            var everyField = Fields.ToDictionary(f => f, _ => (object)value);
            everyField["tags"] = new[] { value };
            everyField["watchers"] = new[] { value };
            var json = JsonSerializer.Serialize(everyField);
            yield return ($"string #{i} in every field", () => new StringContent(json, Encoding.UTF8, "application/json"));
        }
        yield return ("nested 10,000 deep", () => Json(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("nested objects", () => Json(string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000)));
        yield return ("a million-element array", () => Json("{\"tags\":[" + string.Join(',', Enumerable.Repeat("\"t\"", 1_000_000)) + "]}"));
        yield return ("invalid UTF-8", () => new ByteArrayContent([.. "{\"title\":\""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\",\"kind\":\"incident\"}"u8]) { Headers = { { "Content-Type", "application/json" } } });
        yield return ("a lone surrogate escape", () => Json("{\"kind\":\"incident\",\"title\":\"\\ud800\",\"description\":\"\\udfff\",\"name\":\"\\ud800\"}"));
        yield return ("numbers out of range", () => Json("{\"kind\":99999999999999999999,\"impact\":-1,\"groupId\":1e400,\"tier\":2147483648,\"ownerId\":\"not-a-guid\"}"));
        yield return ("null", () => Json("null"));
        yield return ("a bare string", () => Json("\"<script>\""));
        yield return ("not JSON", () => Json("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
        yield return ("form data", () => new FormUrlEncodedContent([new("title", "<script>"), new("kind", "incident")]));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [GeneratedRegex(@"\{(?<name>\w+)(?<constraint>:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}

public sealed class HostileInputOnSqlite(SqliteServer server) : HostileInputTests(server), IClassFixture<SqliteServer>;

public sealed class HostileInputOnPostgres(PostgresServer server) : HostileInputTests(server), IClassFixture<PostgresServer>;
