using System.Net;
using System.Net.Http.Json;
using Frontline.Features.Tickets;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Security;

/// <summary>
/// Fields that the mail channel will put into headers (a person's name and address in From/To, a ticket's title in
/// Subject, an organisation) never hold a line break, so nobody can write a Bcc: of their own through them.
/// </summary>
public abstract class MailBoundFieldTests(FrontlineServer server)
{
    private const string Injection = "\r\nBcc: everyone@evil.example";

    [Theory]
    [InlineData("displayName")]
    [InlineData("email")]
    [InlineData("organisation")]
    [InlineData("userName")]
    public async Task A_line_break_in_a_new_persons_header_bound_field_is_refused_by_name(string field)
    {
        using var admin = await server.ClientForAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var person = new Dictionary<string, object?>
        {
            ["userName"] = "eve" + suffix,
            ["email"] = $"eve{suffix}@example.com",
            ["displayName"] = "Eve Example",
            ["organisation"] = "Finance",
            ["password"] = "a-long-enough-password",
        };
        person[field] += Injection;

        var response = await admin.PostAsJsonAsync("/api/v1/users", person);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ProblemAsync()).Errors!.Keys);
    }

    [Theory]
    [InlineData("displayName")]
    [InlineData("organisation")]
    public async Task A_line_break_in_a_renamed_persons_header_bound_field_is_refused_and_the_old_value_kept(string field)
    {
        using var admin = await server.ClientForAsync("admin");
        var noah = await server.FindUserAsync("noah");

        var response = await admin.PatchAsJsonAsync($"/api/v1/users/{noah.Id}", new Dictionary<string, string> { [field] = "Noah" + Injection });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await server.FindUserAsync("noah");
        Assert.Equal((noah.DisplayName, noah.Organisation), (after.DisplayName, after.Organisation));
    }

    [Fact]
    public async Task A_ticket_title_that_will_become_a_mail_subject_is_kept_on_one_line()
    {
        using var olivia = await server.ClientForAsync("olivia");
        using var maria = await server.ClientForAsync("maria");

        var ticket = await olivia.CreateTicketAsync("Printer broken" + Injection);
        var renamed = await (await maria.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Number}", new { title = "Still broken\nTo: boss@example.com" })).ReadAsync<TicketView>();

        Assert.DoesNotContain(ticket.Title, char.IsControl);
        Assert.DoesNotContain(renamed.Title, char.IsControl);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MailBoundFieldsOnSqlite(SqliteServer server) : MailBoundFieldTests(server);

[Collection(PostgresCollection.Name)]
public sealed class MailBoundFieldsOnPostgres(PostgresServer server) : MailBoundFieldTests(server);
