using Frontline.Data;

namespace Frontline.Features.Tickets;

public static class TicketsFeature
{
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.Configure<TicketOptions>(configuration.GetSection("Tickets"));
        services.AddSingleton<TicketFeed>();
        services.AddSingleton<TicketIntake>();
        services.AddScoped<TicketDesk>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddHostedService<PostgresTicketRelay>();
            services.AddHostedService<TicketTallyCompaction>();
            services.AddHostedService<TicketSearchMerge>();
        }
        return services;
    }
}
