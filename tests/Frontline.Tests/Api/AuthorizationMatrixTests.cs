using System.Net;
using System.Text;
using Frontline.Domain.Tickets;
using Frontline.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;

namespace Frontline.Tests.Api;

/// <summary>Who may call an endpoint at all; per-ticket visibility is tested on top of this.</summary>
public enum Level
{
    Anyone,
    SignedIn,
    Agent,
    Manager,
    Admin,

    /// <summary>Only the ticket's requester, whatever their role (the test's tickets are Olivia's).</summary>
    TheRequester,
}

/// <summary>
/// Every endpoint the app maps, found from its routing table, called as anonymous, requester, agent,
/// manager and admin. An endpoint missing from <see cref="Expected"/> fails the test: whoever adds one
/// decides here who may call it.
/// </summary>
public abstract class AuthorizationMatrixTests(FrontlineServer server)
{
    private const string TicketBody = """{"kind":"incident","title":"Matrix check","description":"x"}""";

    /// <summary>"METHOD pattern" → who may call it, and a body an allowed caller could really send.</summary>
    private static readonly Dictionary<string, (Level Level, string? Body)> Expected = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = (Level.Anyone, null),
        ["GET /metrics"] = (Level.Anyone, null),
        ["GET /openapi/{documentName}.json"] = (Level.Anyone, null),
        ["GET {**path:file}"] = (Level.SignedIn, null),
        ["GET /_framework/opaque-redirect"] = (Level.SignedIn, null),
        ["GET /account/login"] = (Level.Anyone, null),
        ["POST /account/login"] = (Level.Anyone, null),
        ["POST /account/logout"] = (Level.SignedIn, null),
        ["GET /"] = (Level.SignedIn, null),
        ["GET /portal"] = (Level.SignedIn, null),
        ["GET /portal/new"] = (Level.SignedIn, null),
        ["GET /portal/tickets/{Number}"] = (Level.SignedIn, null),
        ["GET /account/tokens"] = (Level.SignedIn, null),
        ["GET /survey/{Token}"] = (Level.Anyone, null),
        ["POST /survey/{token}"] = (Level.Anyone, null),
        ["GET /desk"] = (Level.Agent, null),
        ["GET /desk/tickets/{Number}"] = (Level.Agent, null),
        ["GET /admin"] = (Level.Admin, null),
        ["GET /admin/mail"] = (Level.Admin, null),
        ["GET /_blazor/negotiate"] = (Level.SignedIn, null),
        ["GET /_blazor"] = (Level.SignedIn, null),
        ["GET /_blazor/disconnect/"] = (Level.SignedIn, null),
        ["GET /_blazor/initializers/"] = (Level.SignedIn, null),

        ["POST /api/v1/auth/tokens"] = (Level.Anyone, """{"userName":"olivia","password":"frontline-demo","name":"matrix"}"""),
        ["GET /api/v1/tokens/"] = (Level.SignedIn, null),
        ["POST /api/v1/tokens/"] = (Level.SignedIn, """{"name":"matrix"}"""),
        ["DELETE /api/v1/tokens/{id:guid}"] = (Level.SignedIn, null),

        ["POST /api/v1/tickets/"] = (Level.SignedIn, TicketBody),
        ["GET /api/v1/tickets/"] = (Level.SignedIn, null),
        ["GET /api/v1/tickets/counts"] = (Level.SignedIn, null),
        ["GET /api/v1/tickets/{number}"] = (Level.SignedIn, null),
        ["PATCH /api/v1/tickets/{number}"] = (Level.Agent, """{"tags":["matrix"]}"""),
        ["POST /api/v1/tickets/{number}/assign"] = (Level.Agent, """{"groupId":1}"""),
        ["POST /api/v1/tickets/{number}/transitions"] = (Level.SignedIn, """{"action":"cancel","notes":"matrix"}"""),
        ["POST /api/v1/tickets/{number}/replies"] = (Level.SignedIn, """{"body":"matrix reply"}"""),
        ["POST /api/v1/tickets/{number}/notes"] = (Level.Agent, """{"body":"matrix note"}"""),
        ["GET /api/v1/tickets/{number}/entries"] = (Level.SignedIn, null),
        ["GET /api/v1/tickets/{number}/history"] = (Level.SignedIn, null),
        ["GET /api/v1/tickets/{number}/links"] = (Level.SignedIn, null),
        ["POST /api/v1/tickets/{number}/links"] = (Level.Agent, """{"kind":"causedBy","target":"INC0000001"}"""),
        ["DELETE /api/v1/tickets/{number}/links/{linkId:long}"] = (Level.Agent, null),
        ["GET /api/v1/tickets/{number}/attachments"] = (Level.SignedIn, null),
        ["GET /api/v1/tickets/{number}/clocks"] = (Level.SignedIn, null),
        ["POST /api/v1/tickets/{number}/escalations"] = (Level.Agent, """{"supplier":"Acme Networks","reference":"matrix"}"""),
        ["POST /api/v1/tickets/{number}/escalations/{supplier}/return"] = (Level.Agent, null),
        ["GET /api/v1/suppliers"] = (Level.Agent, null),
        ["GET /api/v1/insights/alignment"] = (Level.Manager, null),
        ["GET /insights/alignment"] = (Level.Manager, null),
        ["GET /api/v1/tickets/{number}/experience/"] = (Level.SignedIn, null),
        ["GET /api/v1/insights/experience"] = (Level.Manager, null),
        ["GET /insights/experience"] = (Level.Manager, null),
        ["GET /api/v1/insights/demand"] = (Level.Manager, null),
        ["GET /insights/demand"] = (Level.Manager, null),
        ["GET /insights/demand/patterns/{Id:int}"] = (Level.Manager, null),
        ["POST /api/v1/demand/discoveries"] = (Level.Manager, "{}"),
        ["GET /api/v1/demand/patterns"] = (Level.Manager, null),
        ["GET /api/v1/demand/patterns/{id:int}"] = (Level.Manager, null),
        ["POST /api/v1/demand/patterns/{id:int}/problem"] = (Level.Manager, null),
        ["POST /api/v1/demand/patterns/{id:int}/article"] = (Level.Manager, null),
        ["POST /api/v1/demand/patterns/{id:int}/improvements"] = (Level.Manager, """{"action":"knowledge","description":"Matrix check"}"""),
        ["POST /api/v1/tickets/{number}/experience/"] = (Level.TheRequester, """{"satisfaction":5,"effort":7}"""),
        ["GET /api/v1/tickets/{number}/suggestions"] = (Level.Agent, null),
        ["POST /api/v1/triage/suggest"] = (Level.Agent, """{"title":"VPN drops","description":"every hour"}"""),
        ["GET /knowledge"] = (Level.Agent, null),
        ["GET /knowledge/new"] = (Level.Agent, null),
        ["GET /knowledge/{id:int}"] = (Level.Agent, null),
        ["GET /portal/knowledge/{id:int}"] = (Level.SignedIn, null),
        ["GET /api/v1/knowledge/"] = (Level.SignedIn, null),
        ["GET /api/v1/knowledge/search"] = (Level.SignedIn, null),
        ["GET /api/v1/knowledge/use"] = (Level.Agent, null),
        ["POST /api/v1/knowledge/"] = (Level.Agent, """{"title":"Matrix article","body":"x"}"""),
        ["GET /api/v1/knowledge/{id:int}"] = (Level.SignedIn, null),
        // Version 0 never matches, so allowed callers get 409 and the demo article stays as it is.
        ["PUT /api/v1/knowledge/{id:int}"] = (Level.Agent, """{"title":"Matrix","version":0}"""),
        ["POST /api/v1/knowledge/{id:int}/publish"] = (Level.Agent, null),
        ["POST /api/v1/knowledge/{id:int}/retire"] = (Level.Agent, null),
        ["GET /api/v1/knowledge/{id:int}/versions"] = (Level.Agent, null),
        ["GET /api/v1/knowledge/{id:int}/feedback"] = (Level.Agent, null),
        ["POST /api/v1/knowledge/{id:int}/feedback"] = (Level.SignedIn, """{"helpful":true}"""),
        ["POST /api/v1/tickets/{number}/attachments"] = (Level.SignedIn, null),
        ["GET /api/v1/attachments/{id:guid}"] = (Level.SignedIn, null),

        ["GET /api/v1/me"] = (Level.SignedIn, null),
        ["GET /api/v1/users/"] = (Level.Agent, null),
        ["GET /api/v1/users/{id:guid}"] = (Level.Agent, null),
        ["POST /api/v1/users/"] = (Level.Admin, "{}"),
        ["PATCH /api/v1/users/{id:guid}"] = (Level.Admin, "{}"),
        ["GET /api/v1/groups/"] = (Level.Agent, null),
        ["POST /api/v1/groups/"] = (Level.Admin, "{}"),
        ["PATCH /api/v1/groups/{id:int}"] = (Level.Admin, "{}"),
        ["PUT /api/v1/groups/{id:int}/members/{userId:guid}"] = (Level.Admin, null),
        ["DELETE /api/v1/groups/{id:int}/members/{userId:guid}"] = (Level.Admin, null),
        ["GET /api/v1/services/"] = (Level.SignedIn, null),
        ["POST /api/v1/services/"] = (Level.Admin, "{}"),
        ["PATCH /api/v1/services/{id:int}"] = (Level.Admin, "{}"),
        ["GET /api/v1/categories/"] = (Level.SignedIn, null),
        ["POST /api/v1/categories/"] = (Level.Admin, "{}"),
        ["PATCH /api/v1/categories/{id:int}"] = (Level.Admin, "{}"),
        ["GET /api/v1/priority-matrix/"] = (Level.SignedIn, null),
        ["PUT /api/v1/priority-matrix/"] = (Level.Admin, "{}"),

        // The MTA's pipe delivers with a mail-gateway account's token (an admin's works too); the rest is admin only.
        ["POST /api/v1/mail/inbound"] = (Level.Admin, null),
        ["GET /api/v1/mail/inbound"] = (Level.Admin, null),
        ["GET /api/v1/mail/inbound/{id:long}/raw"] = (Level.Admin, null),
        ["POST /api/v1/mail/inbound/{id:long}/retry"] = (Level.Admin, null),
        ["GET /api/v1/mail/outbound"] = (Level.Admin, null),
        ["GET /api/v1/mail/templates"] = (Level.Admin, null),
        ["PUT /api/v1/mail/templates/{kind}/{language}"] = (Level.Admin, """{"subject":"{{ticket.title}}","body":"Hello {{requester.name}}"}"""),
    };

    private static readonly (string? User, Level Level)[] Callers =
    [
        (null, Level.Anyone), ("olivia", Level.SignedIn), ("sam", Level.Agent), ("maria", Level.Manager), ("admin", Level.Admin),
    ];

    private IEnumerable<(string Key, string Method, string Pattern)> MappedEndpoints() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(e =>
            {
                var method = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault(m => m != "HEAD") ?? "GET";
                var pattern = e.RoutePattern.RawText ?? "";
                return ($"{method} {pattern}", method, pattern);
            })
            .Distinct();

    [Fact]
    public void EveryMappedEndpointHasADecidedAudience()
    {
        var undecided = MappedEndpoints().Select(e => e.Key).Where(k => !Expected.ContainsKey(k)).ToList();

        Assert.True(undecided.Count == 0, "Endpoints nobody decided the audience of (add them to Expected): " + string.Join(", ", undecided));
    }

    [Fact]
    public async Task EachRoleReachesExactlyTheEndpointsItsLevelAllows()
    {
        using var sam = await server.ClientForAsync("sam");
        var olivia = await server.FindUserAsync("olivia");
        var desk = await server.GroupIdAsync("Service Desk");
        var failures = new List<string>();

        foreach (var (key, method, pattern) in MappedEndpoints().Where(e => Expected.ContainsKey(e.Key)))
        {
            var (level, body) = Expected[key];
            foreach (var (user, callerLevel) in Callers)
            {
                // A fresh ticket per call: earlier callers may have cancelled the last one.
                var ticket = await CreateTicketForOliviaAsync(sam, olivia.Id, desk);
                var path = "/" + pattern.TrimStart('/')
                    .Replace("{number}", ticket, StringComparison.OrdinalIgnoreCase)
                    .Replace("{linkId:long}", "1", StringComparison.Ordinal)
                    .Replace("{supplier}", "Acme%20Networks", StringComparison.Ordinal)
                    .Replace("{id:long}", "1", StringComparison.Ordinal)
                    .Replace("{kind}", "created", StringComparison.Ordinal)
                    .Replace("{language}", "en", StringComparison.Ordinal)
                    .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                    .Replace("{userId:guid}", olivia.Id.ToString(), StringComparison.Ordinal)
                    .Replace("{id:int}", desk.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{Id:int}", desk.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{documentName}", "v1", StringComparison.Ordinal)
                    .Replace("{**path:file}", "no-such-file.txt", StringComparison.Ordinal);
                using var client = user is null ? server.Anonymous() : await server.ClientForAsync(user);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent(body ?? "{}", Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && IsSignInOrDenied(response.Headers.Location));
                var allowed = level == Level.TheRequester ? user == "olivia" : callerLevel >= level;
                if ((int)response.StatusCode >= 500 || allowed == refused)
                {
                    failures.Add($"{key} as {user ?? "anonymous"}: {(int)response.StatusCode} (expected {(allowed ? "allowed" : "refused")})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Pages answer a refusal by sending the browser to sign in (with a return address) or to the denied page.</summary>
    private static bool IsSignInOrDenied(Uri? location) =>
        location is not null && (location.OriginalString.Contains("/account/login?ReturnUrl=", StringComparison.OrdinalIgnoreCase)
            || location.OriginalString.Contains("/account/denied", StringComparison.OrdinalIgnoreCase));

    private static async Task<string> CreateTicketForOliviaAsync(HttpClient agent, Guid requesterId, int group)
    {
        var response = await agent.PostAsync("/api/v1/tickets", new StringContent(
            $$"""{"kind":"incident","title":"Matrix ticket","description":"x","requesterId":"{{requesterId}}","groupId":{{group}}}""", Encoding.UTF8, "application/json"));
        var ticket = await response.ReadAsync<Features.Tickets.TicketView>();
        Assert.Equal(TicketKind.Incident, ticket.Kind);
        return ticket.Number;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationMatrixOnSqlite(SqliteServer server) : AuthorizationMatrixTests(server);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationMatrixOnPostgres(PostgresServer server) : AuthorizationMatrixTests(server);
