using Microsoft.Extensions.DependencyInjection.Extensions;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Dashboard;

public static class DashboardSetup
{
    /// <summary>Dashboards (their sections, the managers' home summary) and the demo's people and story.</summary>
    public static IServiceCollection AddDashboardFeature(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (configuration is not null)
        {
            services.Configure<FiguresOptions>(configuration.GetSection(FiguresOptions.Section));
        }
        services.TryAddSingleton<Infrastructure.Jobs.JobInstance>();
        services.TryAddScoped<Infrastructure.Jobs.JobLeases>();
        services.AddScoped<FiguresRefresher>();
        services.AddScoped<DashboardFigures>();
        services.AddSingleton<FiguresTrigger>();
        services.AddHostedService<FiguresScheduler>();
        services.AddScoped<IDashboardSection, RegionsSection>();
        services.AddScoped<IDashboardSection, PeopleSection>();
        services.AddScoped<IDashboardSection, TrainingSection>();
        services.AddNavEntry("/Dashboard", "Nav.Dashboard", Permissions.DashboardsRead, 5);
        services.AddHomeWidget<DashboardSummaryViewComponent>(10, s => s.Has(Permissions.DashboardsRead) && s.Kind is ScopeKind.Region or ScopeKind.National);
        services.AddScoped<IDemoDataContributor, DemoStory>();
        return services;
    }
}
