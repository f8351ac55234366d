using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP, on its own SQLite file in a fresh data folder (one per test
/// class through IClassFixture). Development environment: demo accounts and demo centres,
/// copied from the run's <see cref="TemplateDatabase"/> rather than seeded again.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; }
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>The app's clock: it starts at <see cref="TestClock.Start"/> and moves only when a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public AppFactory()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "migrantaid-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
    }

    /// <summary>A second app on an existing data folder: a restart on the same database.</summary>
    public static AppFactory Restart(string dataFolder) => new(dataFolder);

    /// <summary>The app that builds the template database by starting on an empty folder.</summary>
    internal static AppFactory ForTemplate(string dataFolder) => new(dataFolder);

    private AppFactory(string dataFolder)
    {
        DataFolder = dataFolder;
        fromTemplate = false;
    }

    private readonly bool fromTemplate = true;

    /// <summary>Whether this app started on a copy of the template database.</summary>
    public bool StartedFromTemplate { get; private set; }

    public string DatabasePath => Path.Combine(DataFolder, "migrantaid.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (fromTemplate && EnvironmentName == "Development" && !TemplateDatabase.Disabled && !File.Exists(DatabasePath))
        {
            File.Copy(TemplateDatabase.FilePath, DatabasePath);
            StartedFromTemplate = true;
        }
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("DataFolder", DataFolder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:DemoPeople", "false"); // the demo's thousands of people: only the tests that need them (DemoDataTests)
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<MigrantAid.Web.Infrastructure.Auth.OneTimeAuthenticatorTokenProvider, AuthenticatorTestClock>();
        });
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A scope on the app's own services, to arrange or inspect data.</summary>
    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await FlushAuditEventsAsync();
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: arrange or inspect data");
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await FlushAuditEventsAsync();
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: arrange or inspect data");
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// Writes the audit entries the app queued (file openings are written in batches, off the
    /// request): what a test reads through <see cref="WithDbAsync"/> is the trail as of now.
    /// </summary>
    public Task FlushAuditEventsAsync() => Services.GetRequiredService<MigrantAid.Web.Infrastructure.Auditing.AuditEventWriter>().FlushAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
        }
    }
}

/// <summary>
/// An accessor that holds one context for one CurrentUser. The framework's HttpContextAccessor
/// keeps its context in an AsyncLocal shared by every instance, so setting it in a test would
/// turn the rest of that test into "a request".
/// </summary>
public sealed class FixedHttpContextAccessor(Microsoft.AspNetCore.Http.HttpContext? context) : Microsoft.AspNetCore.Http.IHttpContextAccessor
{
    public Microsoft.AspNetCore.Http.HttpContext? HttpContext { get; set; } = context;
}
