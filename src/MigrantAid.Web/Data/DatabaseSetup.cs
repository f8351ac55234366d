using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using MigrantAid.Web.Infrastructure.Auditing;

namespace MigrantAid.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>Chooses the provider from configuration (<c>Database:Provider</c>, <c>ConnectionStrings:Default</c>).</summary>
public static class DatabaseSetup
{
    public static void SqliteOptions(Microsoft.EntityFrameworkCore.Infrastructure.SqliteDbContextOptionsBuilder o) =>
        o.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName)
         .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);

    public static void SqlServerOptions(Microsoft.EntityFrameworkCore.Infrastructure.SqlServerDbContextOptionsBuilder o) =>
        o.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName)
         .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>The data folder (SQLite file, logs): <c>DataFolder</c> or App_Data under the content root.</summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var folder = configuration["DataFolder"];
        folder = string.IsNullOrWhiteSpace(folder)
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.GetFullPath(folder, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddScoped<AuditTrail>();
        services.AddSingleton<AuditEventWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditEventWriter>());
        services.AddMemoryCache();
        services.AddSingleton<ReferenceCache>();
        var connectionString = configuration.GetConnectionString("Default");
        if (Provider(configuration) == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Default is empty.");
            }
            services.AddDbContext<AppDbContext, SqlServerAppDbContext>(o => o.UseSqlServer(connectionString, SqlServerOptions));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = $"Data Source={Path.Combine(DataFolder(configuration, environment), "migrantaid.db")}";
            }
            var tuning = new Infrastructure.Resilience.SqliteConnectionTuning(
                configuration.GetValue("Database:BusyTimeoutMilliseconds", Infrastructure.Resilience.SqliteConnectionTuning.DefaultBusyTimeoutMilliseconds));
            services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString, SqliteOptions).AddInterceptors(tuning));
            services.AddHostedService<PlannerStatisticsRefresher>();
        }
        return services;
    }
}
