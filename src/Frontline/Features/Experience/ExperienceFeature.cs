using Frontline.Features.Accounts;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace Frontline.Features.Experience;

public static class ExperienceFeature
{
    public static IServiceCollection AddExperience(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new ExperienceSettings();
        configuration.GetSection("Experience").Bind(settings);
        // Read once at start, so a bad setting stops the process with its name.
        return services.AddSingleton(settings.ToSetup()).AddScoped<ExperienceDesk>().AddScoped<ExperienceInsights>().AddSingleton<SurveyLinks>();
    }

    /// <summary>The rest of the survey after the e-mail's one click; the page is Pages/SurveyLanding.razor.</summary>
    public static void MapSurveyLinks(this IEndpointRouteBuilder app) =>
        app.MapPost("/survey/{token}", async (string token, [FromForm] int? effort, [FromForm] int? happiness, [FromForm] int? lostMinutes, [FromForm] string? comment,
            SurveyLinks links, ExperienceDesk desk, CancellationToken ct) =>
        {
            var back = $"/survey/{Uri.EscapeDataString(token)}";
            if (links.Read(token).Holder is not { } holder)
            {
                // The page explains what is wrong with the link.
                return Results.LocalRedirect(back);
            }
            var done = await desk.CompleteByLinkAsync(holder, new ExperienceInput(null, effort, happiness, lostMinutes, comment), ct);
            return Results.LocalRedirect(done.IsDone || done.Refusal != Refusal.Invalid ? back + "?thanks=1" : $"{back}?refused={Uri.EscapeDataString(done.Field!)}");
        }).AllowAnonymous();

    public static void MapExperienceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/insights/experience", async (int? days, ExperienceInsights insights, TimeProvider clock, CancellationToken ct) =>
            days is < 1 or > 3650
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["Look back 1 to 3650 days."] })
                : Results.Ok(await insights.ReportAsync(clock.GetUtcNow().UtcDateTime.AddDays(-(days ?? 90)), ct)))
            .WithTags("Experience").RequireAuthorization(AccountsFeature.ManagerPolicy);
        var experience = api.MapGroup("/tickets/{number}/experience").WithTags("Experience");
        experience.MapGet("/", async (string number, Caller caller, ExperienceDesk desk, CancellationToken ct) =>
        {
            var found = await desk.FindAsync(caller, number, ct);
            return !found.IsDone ? found.ToProblem()
                : found.Value is { } response ? Results.Ok(ExperienceView.Of(response))
                : Results.Problem(title: "Not answered", detail: $"The requester has not answered the survey of {number}.", statusCode: StatusCodes.Status404NotFound);
        });
        experience.MapPost("/", async (string number, ExperienceInput input, Caller caller, ExperienceDesk desk, CancellationToken ct) =>
        {
            var answered = await desk.AnswerAsync(caller, number, input, ct);
            return answered.IsDone
                ? Results.Created($"/api/v1/tickets/{number}/experience", ExperienceView.Of(answered.Value!))
                : answered.ToProblem();
        });
    }
}
