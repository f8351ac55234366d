using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Conventions;

public static class ConventionsSetup
{
    /// <summary>Partner conventions, their indicators (the training source) and donor reports.</summary>
    public static IServiceCollection AddConventionsFeature(this IServiceCollection services)
    {
        services.AddScoped<IndicatorCalculator>();
        services.AddScoped<ConventionReports>();
        // The indicators of the home widgets and the national view: a snapshot rebuilt with the dashboard figures.
        services.AddScoped<IFiguresSnapshot, ConventionFiguresSnapshot>();
        services.AddScoped<ConventionFigures>();
        services.AddScoped<BulkAttribution>();
        services.AddScoped<IIndicatorSource, TrainingIndicatorSource>();
        services.AddScoped<IDemoDataContributor, ConventionDemoData>();
        services.AddNavEntry("/Conventions", "Nav.Conventions", Permissions.ConventionsReadAggregates, 50);
        services.AddHomeWidget<ConventionsHomeViewComponent>(30, s =>
            (s.Kind == ScopeKind.Partner && s.Has(Permissions.ConventionsReadAggregates)) || (s.IsNational && s.Has(Permissions.ConventionsRead)));
        services.AddRecordPanel<EnrolmentAttributionViewComponent>(RecordTypes.Enrolment, 10);
        return services;
    }
}
