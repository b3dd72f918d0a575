using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Frontline.Domain.Tickets;
using Frontline.Features.Tickets;

namespace Frontline.Tests.Infrastructure;

/// <summary>The calls tests make often, spelled the way a script would make them.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static async Task<TicketView> CreateTicketAsync(this HttpClient client, string title, TicketKind kind = TicketKind.Incident, string description = "Something is wrong.", int? groupId = null, Impact? impact = null, Urgency? urgency = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/tickets", new { kind, title, description, groupId, impact, urgency }, Json);
        return await response.ReadAsync<TicketView>();
    }

    public static async Task<TicketView> GetTicketAsync(this HttpClient client, string number) =>
        await (await client.GetAsync($"/api/v1/tickets/{number}")).ReadAsync<TicketView>();

    public static Task<HttpResponseMessage> TransitionAsync(this HttpClient client, string number, TicketAction action, PendingReason? pendingReason = null, ResolutionCode? resolutionCode = null, string? notes = null) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{number}/transitions", new { action, pendingReason, resolutionCode, notes }, Json);

    public static Task<HttpResponseMessage> AssignAsync(this HttpClient client, string number, int? groupId, Guid? ownerId) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{number}/assign", new { groupId, ownerId }, Json);

    public static Task<HttpResponseMessage> ReplyAsync(this HttpClient client, string number, string body) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{number}/replies", new { body }, Json);

    public static Task<HttpResponseMessage> NoteAsync(this HttpClient client, string number, string body) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{number}/notes", new { body }, Json);

    public static Task<HttpResponseMessage> LinkAsync(this HttpClient client, string number, LinkKind kind, string target) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{number}/links", new { kind, target }, Json);

    /// <summary>An RFC 7807 body: the parts tests look at.</summary>
    public sealed record Problem(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);

    public static async Task<Problem> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>(Json);
        Assert.NotNull(problem);
        Assert.Equal((int)response.StatusCode, problem.Status);
        return problem;
    }
}
