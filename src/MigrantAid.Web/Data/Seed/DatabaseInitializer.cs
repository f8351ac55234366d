using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Data.Seed;

/// <summary>Start-up: migrate (SQLite always, SQL Server when asked), then seed.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment,
        Infrastructure.DemoDataOptions? demo = null, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentUser>().EnterSystemScope("start-up: migrate and seed reference and demo data");
        var db = sp.GetRequiredService<AppDbContext>();
        var provider = DatabaseSetup.Provider(configuration);
        if (provider == DatabaseProvider.Sqlite || configuration.GetValue<bool>("Database:MigrateAtStartup"))
        {
            await db.Database.MigrateAsync(ct);
            await PlannerStatistics.RefreshAsync(db, ct);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            // SQL Server without migrate-at-start-up: the operator runs `-- migrate`. Seeding an
            // old schema would fail half-way, so stop here; /health/ready reports it.
            return;
        }

        // Stored search keys follow the current rules of NameKey (a one-off rebuild when they change).
        await Features.Migrants.SearchKeyRebuild.RunIfOutdatedAsync(db, sp.GetService<Infrastructure.Auditing.AuditTrail>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(Features.Migrants.SearchKeyRebuild)), ct);

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                DemoDataSeeder.Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
        await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct);
        // The demo-data verb passes its own size; start-up in Development uses the default one.
        if (demo is not null || environment.IsDevelopment() || configuration.GetValue<bool>("Seed:DemoData"))
        {
            await sp.GetRequiredService<DemoDataSeeder>().SeedAsync(demo ?? new Infrastructure.DemoDataOptions(), ct);
        }
    }
}
