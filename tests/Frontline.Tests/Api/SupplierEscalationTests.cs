using System.Net;
using System.Net.Http.Json;
using Frontline.Domain.ServiceLevels;
using Frontline.Features.ServiceLevels;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Api;

/// <summary>OLA and UC clocks as the desk runs them: a group's clock while it holds the ticket, a supplier's while it is escalated.</summary>
public abstract class SupplierEscalationTests(FrontlineServer server)
{
    private static async Task<List<ClockView>> ClocksAsync(HttpClient client, string number) =>
        await (await client.GetAsync($"/api/v1/tickets/{number}/clocks")).ReadAsync<List<ClockView>>();

    private static Task<HttpResponseMessage> EscalateAsync(HttpClient client, string number, string supplier, string? reference = null) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{number}/escalations", new { supplier, reference }, Infrastructure.Api.Json);

    private static Task<HttpResponseMessage> ReturnAsync(HttpClient client, string number, string supplier) =>
        client.PostAsync($"/api/v1/tickets/{number}/escalations/{Uri.EscapeDataString(supplier)}/return", null);

    [Fact]
    public async Task EscalatingToASupplierStartsItsContractClockAndTakingItBackStopsIt()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("VPN concentrator drops tunnels");

        var escalated = await (await EscalateAsync(sam, ticket.Number, "acme networks", "CASE-4411")).ReadAsync<EscalationsView>();
        var running = Assert.Single(await ClocksAsync(sam, ticket.Number), c => c.Agreement == Agreement.Uc && c.Kind == TargetKind.Resolution);
        var back = await (await ReturnAsync(sam, ticket.Number, "Acme Networks")).ReadAsync<EscalationsView>();
        var stopped = Assert.Single(await ClocksAsync(sam, ticket.Number), c => c.Agreement == Agreement.Uc && c.Kind == TargetKind.Resolution);

        Assert.Equal(["Acme Networks"], escalated.OpenWith);
        Assert.Equal(("UC Acme Networks", 480.0), (running.Scope, running.TargetMinutes));
        Assert.True(running.Status is ClockStatus.Running, $"The UC clock is {running.Status}.");
        Assert.Empty(back.OpenWith);
        Assert.Equal(ClockStatus.Met, stopped.Status);
    }

    [Fact]
    public async Task TheEscalationAndItsReferenceAreInTheHistory()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Payroll export rejected");

        (await EscalateAsync(sam, ticket.Number, "PayServe", "PS-77")).EnsureSuccessStatusCode();
        var history = await (await sam.GetAsync($"/api/v1/tickets/{ticket.Number}/history")).ReadAsync<List<Features.Tickets.EventView>>();

        var line = Assert.Single(history, e => e.Kind == Data.TicketEventKind.Escalated);
        Assert.Equal(("PayServe", "PS-77"), (line.After, line.Before));
    }

    [Fact]
    public async Task AnUnknownSupplierIsRefusedWithTheOnesThereAre()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Printer toner");

        var response = await EscalateAsync(sam, ticket.Number, "Nobody Ltd");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Acme Networks", (await response.ProblemAsync()).Errors!["supplier"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATicketAlreadyWithASupplierCannotBeEscalatedToItAgain()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Wi-Fi controller crash");
        (await EscalateAsync(sam, ticket.Number, "Acme Networks")).EnsureSuccessStatusCode();

        var again = await EscalateAsync(sam, ticket.Number, "Acme Networks");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task TakingBackATicketTheSupplierDoesNotHaveIsAConflict()
    {
        using var sam = await server.ClientForAsync("sam");
        var ticket = await sam.CreateTicketAsync("Guest Wi-Fi portal down");

        var response = await ReturnAsync(sam, ticket.Number, "Acme Networks");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task AGroupsOlaRunsWhileItHoldsTheTicketAndStopsWhenItPassesItOn()
    {
        using var sam = await server.ClientForAsync("sam");
        var desk = await server.GroupIdAsync("Service Desk");
        var network = await server.GroupIdAsync("Network & Infrastructure");
        var ticket = await sam.CreateTicketAsync("Switch port flapping", groupId: desk);

        (await sam.AssignAsync(ticket.Number, network, null)).EnsureSuccessStatusCode();
        var clocks = await ClocksAsync(sam, ticket.Number);

        var deskOla = Assert.Single(clocks, c => c.Scope == "OLA Service Desk" && c.Kind == TargetKind.Resolution);
        var networkOla = Assert.Single(clocks, c => c.Scope == "OLA Network & Infrastructure" && c.Kind == TargetKind.Resolution);
        Assert.Equal((ClockStatus.Met, 240.0), (deskOla.Status, deskOla.TargetMinutes));
        Assert.Equal(360.0, networkOla.TargetMinutes);
        Assert.NotEqual(ClockStatus.Met, networkOla.Status);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupplierEscalationOnSqlite(SqliteServer server) : SupplierEscalationTests(server);

[Collection(PostgresCollection.Name)]
public sealed class SupplierEscalationOnPostgres(PostgresServer server) : SupplierEscalationTests(server);
