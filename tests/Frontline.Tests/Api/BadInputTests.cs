using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

/// <summary>Whatever a client sends, it gets a clear 4xx problem and nothing is half-saved.</summary>
public abstract class BadInputTests(FrontlineServer server)
{
    private async Task<int> TicketCountAsync() => await server.WithDbAsync(db => Task.FromResult(db.Tickets.Count()));

    [Theory]
    [InlineData("{\"kind\":\"incident\",\"title\":\"x\"", "JSON")]
    [InlineData("{\"kind\":\"meltdown\",\"title\":\"x\",\"description\":\"y\"}", "kind")]
    [InlineData("[1,2,3]", "JSON")]
    [InlineData("{\"kind\":\"incident\",\"title\":\"x\",\"description\":\"y\",\"impact\":7}", "impact")]
    public async Task MalformedOrWronglyTypedJsonIsABadRequestThatSaysWhy(string body, string mentioned)
    {
        using var sam = await server.ClientForAsync("sam");
        var before = await TicketCountAsync();

        var response = await sam.PostAsync("/api/v1/tickets", JsonBody(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        var said = problem.Detail + string.Join(" ", problem.Errors?.SelectMany(e => e.Value.Prepend(e.Key)) ?? []);
        Assert.Contains(mentioned, said, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await TicketCountAsync());
    }

    [Fact]
    public async Task DeeplyNestedJsonIsRefused()
    {
        using var sam = await server.ClientForAsync("sam");
        var nested = new string('[', 5000) + new string(']', 5000);

        var response = await sam.PostAsync("/api/v1/tickets", JsonBody($"{{\"kind\":\"incident\",\"title\":\"x\",\"description\":\"y\",\"tags\":{nested}}}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task AnOversizeBodyIsRefusedWith413()
    {
        using var sam = await server.ClientForAsync("sam");
        var huge = new string('a', 2 * 1024 * 1024);

        // Expect: 100-continue, as a careful client sends it: without it the server's early answer and closed connection
        // race the client still writing, which then sees a broken pipe instead of the 413 (one fresh-clone run did).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonBody($"{{\"kind\":\"incident\",\"title\":\"big\",\"description\":\"{huge}\"}}") };
        request.Headers.ExpectContinue = true;
        var response = await sam.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AnAttachmentOverTheLimitIsRefusedAndNotStored()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Big log file");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[21 * 1024 * 1024]), "file", "huge.log" } };

        // Expect: 100-continue lets the server refuse on the declared length before the client sends it all.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticket.Number}/attachments") { Content = form };
        request.Headers.ExpectContinue = true;
        var response = await sam.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/attachments")).ReadAsync<List<AttachmentView>>());
    }

    [Fact]
    public async Task AnAttachmentOfSomeMegabytesIsAccepted()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Crash dump");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[5 * 1024 * 1024]), "file", "app.dmp" } };

        var response = await sam.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/tickets/INC9999999")]
    [InlineData("/api/v1/tickets/NOT-A-NUMBER")]
    [InlineData("/api/v1/tickets/INC9999999/history")]
    [InlineData("/api/v1/users/00000000-0000-0000-0000-000000000001")]
    public async Task UnknownIdsAreNotFoundProblems(string path)
    {
        using var maria = await server.ClientForAsync("maria");

        var response = await maria.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task AScriptInADescriptionIsKeptVerbatimAsData()
    {
        using var olivia = await server.ClientForAsync("olivia");
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>**bold**";

        var ticket = await olivia.CreateTicketAsync("Hostile description", description: hostile);

        Assert.Equal(hostile, (await olivia.GetTicketAsync(ticket.Number)).Description);
    }

    [Fact]
    public async Task EmptyTitlesAreRefusedAndControlCharactersRemoved()
    {
        using var olivia = await server.ClientForAsync("olivia");

        var empty = await olivia.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "   ", description = "x" });
        var control = await olivia.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "bell\u0007\u0000", description = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("title", (await empty.ProblemAsync()).Errors!.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("bell", (await control.ReadAsync<TicketView>()).Title);
    }

    [Fact]
    public async Task APathInAnAttachmentNameIsStrippedToTheFileName()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var ticket = await olivia.CreateTicketAsync("Attachment with a path");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("log"u8.ToArray());
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"..\\\\..\\\\windows\\\\system32\\\\evil.txt\"" };
        form.Add(file);

        var attachment = await (await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", form)).ReadAsync<AttachmentView>();

        Assert.Equal("evil.txt", attachment.FileName);
    }

    [Fact]
    public async Task ARevokedTokenNoLongerSignsIn()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var issued = await (await olivia.PostAsJsonAsync("/api/v1/tokens", new { name = "script" })).ReadAsync<IssuedTokenView>();
        using var script = server.Anonymous();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/me")).StatusCode);

        (await olivia.DeleteAsync($"/api/v1/tokens/{issued.Id}")).EnsureSuccessStatusCode();
        var after = await script.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await after.ProblemAsync()).Detail!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedWithAReason()
    {
        var olivia = await server.FindUserAsync("olivia");
        var (secret, record) = Features.Accounts.AccessTokens.Issue(olivia.Id, "old", DateTime.UtcNow.AddDays(-10), DateTime.UtcNow.AddDays(-1));
        await server.WithDbAsync(async db =>
        {
            db.AccessTokens.Add(record);
            return await db.SaveChangesAsync();
        });
        using var script = server.Anonymous();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var response = await script.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", (await response.ProblemAsync()).Detail!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TokensAreStoredOnlyAsHashes()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var issued = await (await olivia.PostAsJsonAsync("/api/v1/tokens", new { name = "hash check" })).ReadAsync<IssuedTokenView>();

        var stored = await server.WithDbAsync(db => Task.FromResult(db.AccessTokens.Single(t => t.Id == issued.Id)));

        Assert.DoesNotContain(issued.Token, Encoding.UTF8.GetString(stored.SecretHash), StringComparison.Ordinal);
        Assert.Equal(Features.Accounts.AccessTokens.Hash(issued.Token), stored.SecretHash);
    }

    public sealed record IssuedTokenView(Guid Id, string Name, string Token);

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}

[Collection(SqliteCollection.Name)]
public sealed class BadInputOnSqlite(SqliteServer server) : BadInputTests(server);

[Collection(PostgresCollection.Name)]
public sealed class BadInputOnPostgres(PostgresServer server) : BadInputTests(server);
