namespace Frontline.Features.Knowledge;

public static class KnowledgeFeature
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services) =>
        services.AddScoped<KnowledgeBase>();
}
