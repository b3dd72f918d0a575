using Frontline.Components.Shared;
using MudBlazor.Services;

namespace Frontline.Components;

public static class WebPagesFeature
{
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<PageWork>();
        return services;
    }

    public static void MapWebPages(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
