using System.Security.Claims;
using Serilog;
using Serilog.Events;

namespace MigrantAid.Web.Infrastructure.Logging;

public static class LoggingSetup
{
    public static LoggerConfiguration ConfigureAppLogging(this LoggerConfiguration log, IConfiguration configuration, string dataFolder) =>
        log.ReadFrom.Configuration(configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // Keys in the database are the design; Security/KeyStorage.cs says so once at start-up instead.
            .Filter.ByExcluding(e => e.MessageTemplate.Text.StartsWith(Security.KeyStorage.FrameworkWarningPrefix, StringComparison.Ordinal))
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new Serilog.Formatting.Compact.CompactJsonFormatter(),
                Path.Combine(dataFolder, "logs", "migrantaid-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31);

    /// <summary>
    /// One log line per request with user id and request id. Only the path template is
    /// logged, never a query string (it may carry a searched name).
    /// </summary>
    public static IApplicationBuilder UseAppRequestLogging(this IApplicationBuilder app, Serilog.ILogger logger) =>
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger, not the process-wide static one (tests run several hosts).
            o.Logger = logger;
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("UserId", http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous");
                diagnostics.Set("RequestId", http.TraceIdentifier);
            };
            // A request the client gave up on (closed, timed out) is cancelled on purpose: noted, not an error of the app.
            o.GetLevel = (http, _, ex) => ex is OperationCanceledException && http.RequestAborted.IsCancellationRequested ? LogEventLevel.Information
                : ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/lib") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
}
