using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure;
namespace MigrantAid.Web.Features.Enrolments;

public sealed class TrainingOptions
{
    /// <summary>Monthly attendance below this share (two months running) puts an apprentice on the dropout risk list.</summary>
    public double RiskAttendanceThreshold { get; set; } = 0.70;

    /// <summary>How many look-ups (file number, family name, birth year) one user may make per hour to enrol someone in front of them.</summary>
    public int LookupsPerHour { get; set; } = 10;

    /// <summary>The enrolments list counts up to this many; beyond, it says "more than" and offers the filters (issue 13: no exact region-wide count on each view).</summary>
    public int EnrolmentListCountCap { get; set; } = 10_000;
}

public static class TrainingSetup
{
    /// <summary>Services of the training features (centres, enrolments, attendance, risk list).</summary>
    public static IServiceCollection AddTraining(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrainingOptions>(configuration.GetSection("Training"));
        services.AddScoped<EnrolmentService>();
        services.AddNavEntry("/Centres", "Nav.Centres", Permissions.CentresRead, 20);
        services.AddNavEntry("/Enrolments", "Nav.Enrolments", Permissions.EnrolmentsRead, 30);
        services.AddNavEntry("/Hosts", "Nav.Hosts", Permissions.EnrolmentsRead, 40);
        services.AddHomeWidget<ApplicationsHomeViewComponent>(15, s => s.Kind == ScopeKind.Centre && s.Has(Permissions.EnrolmentsManage));
        services.AddHomeWidget<DirectorHomeViewComponent>(20, s => s.Kind == ScopeKind.Centre);
        services.AddHomeWidget<DirectorQueueViewComponent>(21, s => s.Kind == ScopeKind.Centre && s.Has(Permissions.EnrolmentsManage));
        services.AddScoped<RiskList>();
        // The stored risk states: kept in step with saves, re-evaluated on the background refresh's schedule.
        services.AddSingleton<RiskStateInterceptor>();
        services.ConfigureDbContext<MigrantAid.Web.Data.SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<RiskStateInterceptor>()));
        services.ConfigureDbContext<MigrantAid.Web.Data.SqlServerAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<RiskStateInterceptor>()));
        services.AddScoped<MigrantAid.Web.Infrastructure.Jobs.IPeriodicRefresh, RiskStateRefresh>();
        return services;
    }
}
