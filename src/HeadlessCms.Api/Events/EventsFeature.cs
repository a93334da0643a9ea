using HeadlessCms.Api.Webhooks;

namespace HeadlessCms.Api.Events;

/// <summary>Content events: the outbox's readers (webhooks, changes feed), the scheduler and retention.</summary>
public static class EventsFeature
{
    public static IServiceCollection AddContentEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventOptions>(configuration.GetSection(EventOptions.Section));
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        WebhookHttp.Register(services);
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ContentEventMetrics>();
        services.ConfigureSwaggerGen(o => o.DocumentFilter<WebhookEventsDocumentFilter>());
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<ScheduledPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        services.AddHostedService<EventRetention>();
        return services;
    }

    public static void MapContentEvents(this IEndpointRouteBuilder app)
    {
        app.MapChanges();
        app.MapManageWebhooks();
    }
}
