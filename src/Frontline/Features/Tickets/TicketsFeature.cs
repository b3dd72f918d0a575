namespace Frontline.Features.Tickets;

public static class TicketsFeature
{
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TicketOptions>(configuration.GetSection("Tickets"));
        services.AddSingleton<TicketFeed>();
        services.AddScoped<TicketDesk>();
        return services;
    }
}
