using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Data;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

[Collection(SqliteCollection.Name)]
public sealed class OperationsTests(SqliteServer server)
{
    [Fact]
    public async Task HealthReportsTheDatabaseReachable()
    {
        using var anonymous = server.Anonymous();

        var response = await anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PagesCannotBeFramedAndLoadNoOutsideImages()
    {
        using var anonymous = server.Anonymous();

        var response = await anonymous.GetAsync("/account/login");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", policy, StringComparison.Ordinal);
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task MetricsCountRequestsInPrometheusFormat()
    {
        using var anonymous = server.Anonymous();
        await anonymous.GetAsync("/healthz");

        var metrics = await anonymous.GetStringAsync("/metrics");

        Assert.Contains("# TYPE http_requests_received_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheTicketApi()
    {
        using var anonymous = server.Anonymous();

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/tickets/{number}/transitions", out _));
        Assert.True(paths.TryGetProperty("/api/v1/tickets/", out var tickets) || paths.TryGetProperty("/api/v1/tickets", out tickets));
        Assert.True(tickets.TryGetProperty("post", out _));
    }

    [Fact]
    public async Task TheSignInPageCarriesAnAntiforgeryTokenAndAFormWithoutItIsRefused()
    {
        using var anonymous = server.Anonymous();

        var page = await anonymous.GetStringAsync("/account/login");
        var forged = await anonymous.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "olivia", ["password"] = "frontline-demo" }));

        var tampered = await anonymous.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "olivia", ["password"] = "frontline-demo", ["__RequestVerificationToken"] = "CfDJ8forged" }));

        Assert.Contains("__RequestVerificationToken", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenForTheRightOne()
    {
        await server.WithDbAsync(async db =>
        {
            // A requester of our own, so that locking it out cannot disturb other tests.
            var users = server.Services.CreateScope().ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
            var result = await users.CreateAsync(new User { UserName = "lockme", Email = "lockme@example.com", DisplayName = "Lock Me", CreatedAt = DateTime.UtcNow }, "correct-horse-battery");
            Assert.True(result.Succeeded);
            return 0;
        });
        using var anonymous = server.Anonymous();
        var wrongAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            wrongAnswers.Add((await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { userName = "lockme", password = "wrong", name = "x" })).StatusCode);
        }

        var right = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { userName = "lockme", password = "correct-horse-battery", name = "x" });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.Locked], wrongAnswers);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        await right.ProblemAsync();
    }
}

/// <summary>A server whose sign-in limit is low enough to reach in a test.</summary>
public sealed class ThrottledServer : FrontlineServer
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SignInAttemptsPerMinute"] = "3" };
}

public sealed class SignInRateLimitTests(ThrottledServer server) : IClassFixture<ThrottledServer>
{
    [Fact]
    public async Task SignInAttemptsBeyondTheLimitAreTurnedAwayWith429()
    {
        using var anonymous = server.Anonymous();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { userName = "nobody", password = "guess" + i, name = "x" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }
}
