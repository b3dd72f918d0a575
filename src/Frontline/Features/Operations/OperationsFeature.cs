using System.Text.Json;
using System.Text.Json.Serialization;
using Frontline.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Frontline.Features.Operations;

/// <summary>What operators need: health, metrics, logs, clean errors, bounded requests, graceful shutdown.</summary>
public static class OperationsFeature
{
    /// <summary>JSON bodies beyond this are refused before they are read; attachments have their own limit.</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    public static void AddOperations(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Configuration["LogFormat"] == "json")
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBytes;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        // Binding failures (bad JSON, a wrong type, a missing body) go to the exception handler, so the
        // problem detail can say what was wrong instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
            {
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "The request could not be read";
                context.ProblemDetails.Detail = bad.InnerException is System.Text.Json.JsonException json
                    ? $"{bad.Message} {json.Message}"
                    : bad.Message;
            }
            else if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
            {
                context.ProblemDetails.Status = StatusCodes.Status400BadRequest;
                context.ProblemDetails.Title = "The form has expired";
                context.ProblemDetails.Detail = "The form was opened too long ago or on another site; reload the page and send it again.";
            }
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Converters.Add(new TextWithoutNul());
        });
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealth>("database");
    }

    public static void UseOperations(this WebApplication app)
    {
        // A request that could not be read is the client's mistake: answer its own 4xx, not 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = error => error switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Pages may not be framed (clickjacking), images in Markdown load only from Frontline itself (an
            // outside server would learn who read which ticket), and no page's address leaves with a link. Set as
            // the response starts, so they replace what a component wrote earlier (antiforgery's SAMEORIGIN, Blazor's
            // frame-ancestors 'self'); a
            // stricter policy an endpoint chose (downloads are sandboxed) is kept and framing forbidden on top.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.ToString().Contains("sandbox", StringComparison.Ordinal)
                    ? $"{headers.ContentSecurityPolicy}; frame-ancestors 'none'"
                    : "frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; base-uri 'self'";
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
        app.UseHttpMetrics();
        app.MapHealthChecks("/healthz", new HealthCheckOptions()).AllowAnonymous();
        app.MapMetrics("/metrics").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    }

    private sealed class DatabaseHealth(IDbContextFactory<FrontlineDb> databases) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{db.Provider} reachable")
                : HealthCheckResult.Unhealthy($"{db.Provider} unreachable");
        }
    }
}
