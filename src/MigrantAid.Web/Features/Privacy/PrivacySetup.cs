using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Privacy;

public static class PrivacySetup
{
    /// <summary>Consents per purpose, the rights of the people on file (/Privacy) and the permission report.</summary>
    public static IServiceCollection AddPrivacyFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PrivacyOptions>(configuration.GetSection("Privacy"));
        services.AddScoped<ConsentRules>();
        services.AddScoped<PersonFileBuilder>();
        services.AddScoped<PersonFilePrinter>();
        services.AddScoped<Anonymiser>();
        // The retention job anonymises closed case files through the same anonymiser.
        services.AddScoped<IPersonAnonymiser>(sp => sp.GetRequiredService<Anonymiser>());
        services.AddScoped<ITimelineSource, ConsentTimelineSource>();
        services.AddScoped<IMigrantMergeParticipant, ConsentMergeParticipant>();
        services.AddScoped<IMigrantMergeParticipant, PrivacyRequestMergeParticipant>();
        services.AddScoped<IDemoDataContributor, ConsentDemoData>();
        services.AddRecordPanel<ConsentPanelViewComponent>(RecordTypes.Migrant, 10);
        services.AddNavEntry("/Privacy", "Nav.Privacy", Permissions.PrivacyManage, 85);
        services.AddHomeWidget<ExpiringConsentsHomeViewComponent>(17, s => s.Kind == ScopeKind.Region && s.Has(Permissions.MigrantsWrite));
        return services;
    }
}
