using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Audit;

public static class AuditSetup
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services) =>
        services.AddScoped<AuditPresenter>().AddNavEntry("/Admin/Audit", "Nav.Audit", Permissions.AuditRead, 90);
}
