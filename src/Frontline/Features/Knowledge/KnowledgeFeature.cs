namespace Frontline.Features.Knowledge;

public static class KnowledgeFeature
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnowledgeOptions>(configuration.GetSection("Knowledge"));
        return services.AddScoped<KnowledgeBase>().AddScoped<SuggestionLog>();
    }
}
