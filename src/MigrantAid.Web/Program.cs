using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Razor;
using MigrantAid.Web.Data;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Migrants;
using MigrantAid.Web.Features.Enrolments;
using MigrantAid.Web.Features.Users;
using MigrantAid.Web.Features.Audit;
using MigrantAid.Web.Features.Conventions;
using MigrantAid.Web.Features.Activities;
using MigrantAid.Web.Features.ApprenticeActivities;
using MigrantAid.Web.Features.Distributions;
using MigrantAid.Web.Features.Dashboard;
using MigrantAid.Web.Features.Privacy;
using MigrantAid.Web.Features.Retention;
using MigrantAid.Web.Infrastructure;
using MigrantAid.Web.Infrastructure.Auth;
using MigrantAid.Web.Infrastructure.Health;
using MigrantAid.Web.Infrastructure.Localization;
using MigrantAid.Web.Infrastructure.Logging;
using MigrantAid.Web.Infrastructure.Security;
using MigrantAid.Web.Infrastructure.Tabular;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
var dataFolder = DatabaseSetup.DataFolder(builder.Configuration, builder.Environment);

// Logs: structured, console and a rolling file in the data folder; never a migrant's name.
var logger = new LoggerConfiguration().ConfigureAppLogging(builder.Configuration, dataFolder).CreateLogger();
builder.Services.AddSerilog(logger, dispose: true);

// Data: SQLite (embedded default) or SQL Server, chosen by Database:Provider.
builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ReferenceDataSeeder>();
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddAppDataProtection(builder.Configuration);

// Identity, sign-in and access control.
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddAppIdentity();
builder.Services.AddAuthorization(o => o.AddPermissionPolicies());
builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
// Behind the TLS proxy: forwarded scheme and client address from configured proxies only;
// host names limited by AllowedHosts (appsettings.Production.json); no Server banner.
builder.Services.AddAppReverseProxy(builder.Configuration);
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

// UI: MVC with feature folders, three languages, FluentValidation validators.
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
// French elision in composed strings ("d'octobre"): the app's one localizer wraps the resource one.
builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<MigrantAid.Web.SharedResource>, ElidingLocalizer>();
// Arabic and accented French are written as text, not as numeric character references.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddControllersWithViews(o =>
    {
        // Every unsafe request must carry the antiforgery token; validation is FluentValidation's
        // job, so MVC adds no implicit [Required] of its own.
        o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        // A NUL or other control character in a posted value: 400, never a 500 further down.
        o.Filters.Add(new ControlCharacterFilter());
        // Number inputs post "1234.5" in every language.
        o.ModelBinderProviders.Insert(0, new InvariantDecimalBinderProvider());
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    })
    // No client-side validation library ships: without data-val attributes MVC renders no
    // empty validation summary (with an inline style the CSP would refuse) on a valid page.
    .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(MigrantAid.Web.SharedResource)));
builder.Services.Configure<RazorViewEngineOptions>(o =>
{
    o.ViewLocationFormats.Clear();
    o.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
    o.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
});
builder.Services.ConfigureOptions<ModelBindingMessages>();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped);

// Features with services of their own.
builder.Services.AddTabularImports();
builder.Services.AddMigrantsFeature();
builder.Services.AddTraining(builder.Configuration);
builder.Services.AddUsersFeature();
builder.Services.AddAuditFeature();
builder.Services.AddConventionsFeature();
builder.Services.AddActivitiesFeature();
builder.Services.AddApprenticeActivitiesFeature();
builder.Services.AddDistributionsFeature(builder.Configuration);
builder.Services.AddDashboardFeature(builder.Configuration);
builder.Services.AddPrivacyFeature(builder.Configuration);
builder.Services.AddRetentionFeature(builder.Configuration);

// Operations.
builder.Services.AddAppHealthChecks();
builder.Services.AddScoped<MigrantAid.Web.Infrastructure.Resilience.DatabaseBackup>();

var app = builder.Build();

// Command-line verbs: `-- migrate`, `-- create-admin --email x` (password on standard input).
if (args.Length > 0 && CommandLine.IsCommand(args[0]))
{
    return await CommandLine.RunAsync(app, args);
}

await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseExceptionHandler("/Error/500");
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseMiddleware<MalformedFormMiddleware>();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStaticFiles();
app.UseRequestLocalization(Cultures.Options());
app.UseMiddleware<RememberCultureMiddleware>();
app.UseRouting();
app.UseAuthentication();
app.UseAppRequestLogging(logger);
app.UseMiddleware<AccountRequirementsMiddleware>();
app.UseAuthorization();

app.MapAppHealthChecks();
app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");

await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory.</summary>
public partial class Program;
