using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Frontline.Domain.Tickets;
using Frontline.Features.Directory;
using Frontline.Features.Tickets;
using Frontline.Testing;
using Frontline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Security;

/// <summary>
/// Attacks that worked on other help desks, each replayed against the real app on both databases. The test
/// names carry the CVE so that docs/security.md can point at the proof. Rendering in a real browser is
/// proved by the browser suite (KnownAttacksInBrowserTests, HostileCorpusInBrowserTests).
/// </summary>
public abstract class KnownAttackTests(FrontlineServer server)
{
    private const string Script = "<script>alert(1)</script>";
    private const string ImageHandler = "\"><img src=x onerror=alert(document.cookie)>";

    [Fact]
    public async Task Cve_2018_1000154_and_Cve_2021_21441_script_in_a_subject_or_body_is_kept_as_text_and_pages_never_carry_it_as_markup()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.SignInToPagesAsync("maria");
        var ticket = await olivia.CreateTicketAsync("Invoice " + Script, description: "Please see " + ImageHandler + "\n\n[details](javascript:alert(2))");
        (await olivia.ReplyAsync(ticket.Number, "More: <iframe src=\"javascript:alert(3)\"></iframe>")).EnsureSuccessStatusCode();

        var read = await olivia.GetAsync($"/api/v1/tickets/{ticket.Number}");
        var page = await maria.GetStringAsync($"/desk/tickets/{ticket.Number}");

        Assert.Equal("application/json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Invoice " + Script, (await read.ReadAsync<TicketView>()).Title);
        Assert.Contains("Invoice &lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\" onerror", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x onerror", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cve_2020_24917_script_in_an_upload_file_name_is_reduced_to_a_plain_name_and_the_download_stays_an_attachment()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.SignInToPagesAsync("maria");
        var ticket = await olivia.CreateTicketAsync("Screenshot of the error");

        var uploaded = await (await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments",
            HostileUpload.Of("\"><img src=x onerror=alert(1)>.html", "text/html", "<script>alert(1)</script>"))).ReadAsync<AttachmentView>();
        var download = await olivia.GetAsync(uploaded.Url);
        var page = await maria.GetStringAsync($"/desk/tickets/{ticket.Number}");

        Assert.Equal("img src=x onerror=alert(1).html", uploaded.FileName);
        Assert.DoesNotContain("<img src=x", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("img src=x onerror=alert(1).html", page, StringComparison.Ordinal);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.DoesNotContain(download.Content.Headers.GetValues("Content-Disposition").Single(), c => c is '<' or '>' or '\r' or '\n');
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cve_2020_24917_a_line_break_in_an_upload_file_name_adds_no_response_header()
    {
        using var olivia = await server.ClientForAsync("olivia");
        var ticket = await olivia.CreateTicketAsync("Log file attached");

        var uploaded = await (await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments",
            HostileUpload.Of("report\r\nSet-Cookie: pwned=1\r\n.txt", "text/plain", "log"))).ReadAsync<AttachmentView>();
        var download = await olivia.GetAsync(uploaded.Url);

        Assert.DoesNotContain(uploaded.FileName, c => char.IsControl(c));
        Assert.False(download.Headers.Contains("Set-Cookie"));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Theory]
    [InlineData("text/html", "application/octet-stream")]
    [InlineData("text/html; charset=utf-7", "application/octet-stream")]
    [InlineData("image/svg+xml", "application/octet-stream")]
    [InlineData("application/xhtml+xml", "application/octet-stream")]
    [InlineData("text/plain; charset=\"><script>", "text/plain")]
    [InlineData("image/png", "image/png")]
    public async Task Cve_2023_38060_a_download_is_served_with_a_safe_type_nosniff_and_as_an_attachment_whatever_type_was_claimed(string claimed, string served)
    {
        using var olivia = await server.ClientForAsync("olivia");
        var ticket = await olivia.CreateTicketAsync("File with a claimed type");

        var uploaded = await (await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", HostileUpload.Of("evidence.bin", claimed, "<html><script>alert(1)</script>"))).ReadAsync<AttachmentView>();
        var download = await olivia.GetAsync(uploaded.Url);

        Assert.Equal(served, download.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Theory]
    [InlineData("text/plain\rSet-Cookie: pwned=1")]
    [InlineData("text/plain\u0085Set-Cookie: pwned=1")]
    [InlineData("text/plain\"; x=\"")]
    [InlineData("text/plain/html")]
    public async Task Cve_2023_38060_a_content_type_that_could_carry_a_header_is_refused_and_nothing_is_stored(string claimed)
    {
        using var olivia = await server.ClientForAsync("olivia");
        var ticket = await olivia.CreateTicketAsync("File with a hostile type");

        var response = await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", HostileUpload.Of("notes.txt", claimed, "hello"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Empty(await (await olivia.GetAsync($"/api/v1/tickets/{ticket.Number}/attachments")).ReadAsync<List<AttachmentView>>());
    }

    [Fact]
    public async Task Cve_2024_33668_attachment_ids_are_random_and_nobody_else_reads_or_adds_to_them()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var noah = await server.ClientForAsync("noah");
        using var ravi = await server.ClientForAsync("ravi");
        var ticket = await RoutedTicketAsync(olivia, "Payslip attached", "E-mail");
        var first = await (await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", HostileUpload.Of("payslip.pdf", "application/pdf", "salary"))).ReadAsync<AttachmentView>();
        var second = await (await olivia.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", HostileUpload.Of("payslip2.pdf", "application/pdf", "salary"))).ReadAsync<AttachmentView>();

        var answers = new[]
        {
            await noah.GetAsync(first.Url),
            await ravi.GetAsync(first.Url),
            await noah.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", HostileUpload.Of("payslip.pdf", "application/pdf", "forged")),
            await ravi.PostAsync($"/api/v1/tickets/{ticket.Number}/attachments", HostileUpload.Of("payslip.pdf", "application/pdf", "forged")),
            await noah.GetAsync($"/api/v1/tickets/{ticket.Number}/attachments"),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.All(new[] { first.Id, second.Id }, id => Assert.Equal(4, id.Version));
        Assert.NotEqual(first.Id.ToString()[..8], second.Id.ToString()[..8]);
        Assert.Equal(2, (await (await olivia.GetAsync($"/api/v1/tickets/{ticket.Number}/attachments")).ReadAsync<List<AttachmentView>>()).Count);
        Assert.Equal("salary", await (await olivia.GetAsync(first.Url)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cve_2026_34722_a_requester_cannot_route_own_or_link_a_new_ticket_and_ids_smuggled_into_the_body_are_ignored()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var ravi = await server.ClientForAsync("ravi");
        var noah = await server.FindUserAsync("noah");
        var raviUser = await server.FindUserAsync("ravi");
        var apps = await server.GroupIdAsync("Business Applications");
        var secret = await ravi.CreateTicketAsync("Payroll export credentials rotated", groupId: apps);
        var historyBefore = await HistoryCountAsync(secret.Number);

        var routed = await olivia.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "Route me", description = "x", groupId = apps });
        var forSomeoneElse = await olivia.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title = "For Noah", description = "x", requesterId = noah.Id });
        var smuggled = await olivia.PostAsJsonAsync("/api/v1/tickets", new
        {
            kind = "incident",
            title = "Smuggled links",
            description = "x",
            ownerId = raviUser.Id,
            parent = secret.Number,
            parentId = secret.Id,
            links = new[] { new { kind = "causedBy", target = secret.Number } },
            configurationItemId = 1,
        });

        Assert.Equal(HttpStatusCode.Forbidden, routed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forSomeoneElse.StatusCode);
        var created = await smuggled.ReadAsync<TicketView>();
        Assert.Null(created.Owner);
        Assert.Null(created.Group);
        Assert.Empty(await (await olivia.GetAsync($"/api/v1/tickets/{created.Number}/links")).ReadAsync<List<LinkView>>());
        Assert.DoesNotContain(secret.Number, await (await olivia.GetAsync($"/api/v1/tickets/{created.Number}/history")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(historyBefore, await HistoryCountAsync(secret.Number));
    }

    [Fact]
    public async Task Cve_2026_34722_an_agent_cannot_link_to_a_ticket_outside_their_queues_and_learns_nothing_about_it()
    {
        using var ravi = await server.ClientForAsync("ravi");
        using var sam = await server.ClientForAsync("sam");
        var secret = await ravi.CreateTicketAsync("Payroll export credentials rotated", groupId: await server.GroupIdAsync("Business Applications"));
        var mine = await sam.CreateTicketAsync("Password reset", groupId: await server.GroupIdAsync("Service Desk"));
        var historyBefore = await HistoryCountAsync(secret.Number);

        var linked = await sam.LinkAsync(mine.Number, LinkKind.ParentOf, secret.Number);
        var missing = await sam.LinkAsync(mine.Number, LinkKind.ParentOf, "INC9999999");

        Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);
        Assert.Equal((await missing.ProblemAsync()).Errors!["target"][0].Replace("INC9999999", secret.Number, StringComparison.Ordinal), (await linked.ProblemAsync()).Errors!["target"][0]);
        Assert.Equal(historyBefore, await HistoryCountAsync(secret.Number));
        Assert.Empty(await (await sam.GetAsync($"/api/v1/tickets/{mine.Number}/links")).ReadAsync<List<LinkView>>());
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("%' OR 1=1 --")]
    [InlineData("'; DROP TABLE \"Tickets\"; --")]
    [InlineData("1; SELECT pg_sleep(10)")]
    [InlineData("\\")]
    [InlineData("%")]
    [InlineData("_")]
    public async Task Cve_2021_45811_search_keywords_are_matched_as_literal_text_never_as_sql_or_wildcards(string keywords)
    {
        using var noah = await server.ClientForAsync("noah");
        using var maria = await server.ClientForAsync("maria");
        var literal = await noah.CreateTicketAsync("Search probe " + keywords + " " + Guid.NewGuid().ToString("N")[..6]);
        var ticketsBefore = await server.WithDbAsync(db => db.Tickets.CountAsync());

        var asRequester = await (await noah.GetAsync("/api/v1/tickets?limit=200&q=" + Uri.EscapeDataString(keywords))).ReadAsync<TicketPage>();
        var asManager = await (await maria.GetAsync("/api/v1/tickets?limit=200&q=" + Uri.EscapeDataString(keywords))).ReadAsync<TicketPage>();
        var people = await (await maria.GetAsync("/api/v1/users?limit=500&q=" + Uri.EscapeDataString(keywords))).ReadAsync<List<UserView>>();

        Assert.Contains(asRequester.Items, t => t.Number == literal.Number);
        Assert.All(asRequester.Items, t => Assert.Equal(literal.Requester.Id, t.Requester.Id));
        var found = asManager.Items.Select(t => t.Number).ToList();
        var texts = await server.WithDbAsync(db => db.Tickets.Where(t => found.Contains(t.Number)).Select(t => t.Title + " " + t.Description).ToListAsync());
        Assert.All(texts, text => Assert.Contains(keywords, text, StringComparison.OrdinalIgnoreCase));
        Assert.All(people, p => Assert.Contains(keywords, $"{p.UserName} {p.Email} {p.DisplayName}", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ticketsBefore, await server.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Theory]
    [InlineData("olivia@demo.frontline")]
    [InlineData("olivia@demo.frontline.local.evil.example")]
    [InlineData("evil-olivia@demo.frontline.local")]
    [InlineData("OLIVIA@DEMO.FRONTLINE.LOCAL ")]
    [InlineData("%@demo.frontline.local")]
    public async Task Cve_2009_5055_an_e_mail_address_signs_in_only_when_it_is_the_whole_address(string given)
    {
        using var anonymous = server.Anonymous();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { userName = given, password = "frontline-demo", name = "tenant probe" });

        var exact = string.Equals(given.Trim(), "olivia@demo.frontline.local", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(exact ? HttpStatusCode.Created : HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Cve_2020_24881_the_server_fetches_no_address_a_ticket_names_not_even_loopback_or_link_local()
    {
        using var trap = new TcpListener(IPAddress.Loopback, 0);
        trap.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)trap.LocalEndpoint).Port}/ssrf";
        using var olivia = await server.ClientForAsync("olivia");
        using var sam = await server.ClientForAsync("sam");
        using var maria = await server.SignInToPagesAsync("maria");
        var text = $"![chart]({url}/image.png) <img src=\"{url}/raw\"> [log]({url}/link) http://169.254.169.254/latest/meta-data/ {url}/bare";

        var ticket = await olivia.CreateTicketAsync("Dashboard image broken", description: text);
        (await olivia.ReplyAsync(ticket.Number, text)).EnsureSuccessStatusCode();
        (await sam.NoteAsync(ticket.Number, text)).EnsureSuccessStatusCode();
        (await sam.PostAsJsonAsync("/api/v1/triage/suggest", new { title = url, description = text })).Dispose();
        await maria.GetStringAsync($"/desk/tickets/{ticket.Number}");
        await maria.GetStringAsync("/desk?q=" + Uri.EscapeDataString(url));
        (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/entries")).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.False(trap.Pending(), "the server opened a connection to an address written in a ticket");
    }

    /// <summary>A requester's ticket on a service, so that it lands in that service's group and not in the untriaged queue every agent sees.</summary>
    private async Task<TicketView> RoutedTicketAsync(HttpClient requester, string title, string service)
    {
        var serviceId = await server.WithDbAsync(db => db.Services.Where(s => s.Name == service).Select(s => s.Id).SingleAsync());
        return await (await requester.PostAsJsonAsync("/api/v1/tickets", new { kind = "incident", title, description = "x", serviceId })).ReadAsync<TicketView>();
    }

    private async Task<int> HistoryCountAsync(string number) =>
        await server.WithDbAsync(db => db.TicketEvents.CountAsync(e => db.Tickets.Any(t => t.Id == e.TicketId && t.Number == number)));
}

[Collection(SqliteCollection.Name)]
public sealed class KnownAttacksOnSqlite(SqliteServer server) : KnownAttackTests(server);

[Collection(PostgresCollection.Name)]
public sealed class KnownAttacksOnPostgres(PostgresServer server) : KnownAttackTests(server);
