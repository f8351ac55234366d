using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Features.Users;

public static class UsersSetup
{
    public static IServiceCollection AddUsersFeature(this IServiceCollection services) =>
        services.AddNavEntry("/Admin/Users", "Nav.Users", Permissions.UsersRead, 80);
}
