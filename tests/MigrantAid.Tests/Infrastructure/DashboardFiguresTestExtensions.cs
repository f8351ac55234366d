using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Dashboard;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>The dashboards read summary rows rebuilt in the background: a test that arranges records rebuilds them before it looks.</summary>
public static class DashboardFiguresTestExtensions
{
    /// <summary>Rebuilds the dashboard figures now, through the app's own refresher (waits while the background job holds the lease).</summary>
    public static async Task<DashboardFigureRefresh> RefreshFiguresAsync(this AppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: refresh the dashboard figures");
            if (await scope.ServiceProvider.GetRequiredService<FiguresRefresher>().RefreshAsync(CancellationToken.None) is { } done)
            {
                return done;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException("The figures lease stayed taken for 30 s.");
    }
}
