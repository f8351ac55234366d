using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Activities;

public static class ActivityTestData
{
    public static DateOnly Today => MigrantAid.Tests.Infrastructure.TestClock.Today;

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An activity of these people written straight to the database, taken to a step of its life cycle by the domain methods.</summary>
    public static Task<int> ActivityAsync(this AppFactory app, string name, ActivityStatus upTo, params int[] migrantIds) =>
        app.WithDbAsync(async db =>
        {
            var regionId = await db.Migrants.Where(m => m.Id == migrantIds[0]).Select(m => m.RegionId).SingleAsync();
            var a = new IncomeActivity
            {
                Name = name, Sector = ActivitySector.Commerce, City = "Rabat", RegionId = regionId, BusinessPlan = "Plan",
                ExpectedMonthlyRevenue = 2000m, GrantRequested = 20000m,
            };
            a.Propose(Today.AddDays(-60));
            a.Members.AddRange(migrantIds.Select(id => new ActivityMember { MigrantId = id, RegionId = regionId }));
            if (upTo != ActivityStatus.Proposed)
            {
                a.Approve(20000m, 70, "ok", Today.AddDays(-50));
            }
            if (upTo is ActivityStatus.Funded or ActivityStatus.Operating)
            {
                a.AddTranche(8000m, Today.AddDays(-40), null, "R-1");
            }
            if (upTo == ActivityStatus.Operating)
            {
                a.RecordVisit(Today.AddDays(-10), true, 2500m, 1500m, null);
            }
            db.IncomeActivities.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });

    /// <summary>A regional manager of Tanger (the demo has only Rabat's), signed in with the demo password.</summary>
    public static async Task<string> TangerManagerAsync(this AppFactory app)
    {
        const string email = "tanger.manager@migrantaid.test";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var tta = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync());
            var user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Délégué régional Tanger", RegionId = tta, CreatedAt = TimeProvider.System.GetUtcNow(),
            };
            DemoDataSeeder.Check(await users.CreateAsync(user, DemoDataSeeder.DemoPassword));
            DemoDataSeeder.Check(await users.AddToRoleAsync(user, "RegionalManager"));
        }
        return email;
    }
}
