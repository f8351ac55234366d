using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>Arranges training data straight in the database (the migrant registry is another feature).</summary>
public static class TrainingData
{
    public static DateOnly Today => TestClock.Today;
    public static int ThisYear => AcademicYear.Of(Today);

    public static async Task<int> MigrantAsync(this AppFactory app, string regionCode = "RSK", string? familyName = null, Action<Migrant>? configure = null) =>
        await app.WithDbAsync(async db =>
        {
            var migrant = new Migrant
            {
                FileNumber = $"{regionCode}-T-{Guid.NewGuid():N}"[..20], FamilyName = familyName ?? "Diallo" + Guid.NewGuid().ToString("N")[..6],
                GivenName = "Aminata", Sex = Sex.Female, BirthYear = 1996, Phone = "+212 600 000 001",
                NationalityId = await db.Countries.Where(c => c.Code == "SN").Select(c => c.Id).SingleAsync(),
                RegionId = await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync(),
            };
            configure?.Invoke(migrant);
            db.Migrants.Add(migrant);
            await db.SaveChangesAsync();
            return migrant.Id;
        });

    public static Task<string> FileNumberAsync(this AppFactory app, int migrantId) =>
        app.WithDbAsync(db => db.Migrants.Where(m => m.Id == migrantId).Select(m => m.FileNumber).SingleAsync());

    public static Task<TrainingCentre> CentreAsync(this AppFactory app, string code = DemoDataSeeder.AlkariCode) =>
        app.WithDbAsync(db => db.TrainingCentres.AsNoTracking().SingleAsync(c => c.Code == code));

    public static Task<TrainingCentre> CentreInRegionAsync(this AppFactory app, string regionCode) =>
        app.WithDbAsync(db => db.TrainingCentres.AsNoTracking().Where(c => c.Region!.Code == regionCode && c.Code != DemoDataSeeder.AlkariCode).OrderBy(c => c.Id).FirstAsync());

    public static Task<int> TradeAsync(this AppFactory app, string code = "ALU") =>
        app.WithDbAsync(db => db.Trades.Where(t => t.Code == code).Select(t => t.Id).SingleAsync());

    public static Task<int> TrackAsync(this AppFactory app, string code = DiplomaTrack.Apprenticeship) =>
        app.WithDbAsync(db => db.DiplomaTracks.Where(t => t.Code == code).Select(t => t.Id).SingleAsync());

    /// <summary>A centre's offer of a trade in a track for a year (created or its capacity updated).</summary>
    public static async Task OfferAsync(this AppFactory app, int centreId, int tradeId, int trackId, int year, int capacity) =>
        await app.WithDbAsync(async db =>
        {
            var offer = await db.CentreOffers.SingleOrDefaultAsync(o => o.TrainingCentreId == centreId && o.TradeId == tradeId && o.DiplomaTrackId == trackId && o.AcademicYear == year);
            if (offer is null)
            {
                db.CentreOffers.Add(new CentreOffer { TrainingCentreId = centreId, TradeId = tradeId, DiplomaTrackId = trackId, AcademicYear = year, Capacity = capacity });
            }
            else
            {
                offer.Capacity = capacity;
            }
            await db.SaveChangesAsync();
        });

    /// <summary>An enrolment moved through the domain's own transitions up to <paramref name="status"/>.</summary>
    public static async Task<int> EnrolmentAsync(this AppFactory app, int migrantId, int centreId, EnrolmentStatus status = EnrolmentStatus.Active,
        string trackCode = DiplomaTrack.Apprenticeship, DateOnly? start = null, Action<Enrolment>? after = null) =>
        await app.WithDbAsync(async db =>
        {
            var centre = await db.TrainingCentres.SingleAsync(c => c.Id == centreId);
            var track = await db.DiplomaTracks.SingleAsync(t => t.Code == trackCode);
            var trade = await db.Trades.Where(t => t.Code == "ALU").Select(t => t.Id).SingleAsync();
            var startDate = start ?? Today.AddMonths(-3);
            var e = Enrolment.Apply(migrantId, centre, trade, track, AcademicYear.Of(startDate), startDate, startDate);
            if (status != EnrolmentStatus.Applied)
            {
                e.Accept(startDate);
            }
            if (status is EnrolmentStatus.Active or EnrolmentStatus.Suspended or EnrolmentStatus.Completed or EnrolmentStatus.Certified)
            {
                e.Activate(startDate);
            }
            if (status == EnrolmentStatus.Suspended)
            {
                e.Suspend(startDate.AddDays(1));
            }
            after?.Invoke(e);
            db.Enrolments.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

    public static async Task AttendanceAsync(this AppFactory app, int enrolmentId, DateOnly month, int expected, int present) =>
        await app.WithDbAsync(async db =>
        {
            var e = await db.Enrolments.SingleAsync(x => x.Id == enrolmentId);
            db.MonthlyAttendance.Add(new MonthlyAttendance
            {
                EnrolmentId = e.Id, TrainingCentreId = e.TrainingCentreId, RegionId = e.RegionId, Year = month.Year, Month = month.Month,
                CentreDaysExpected = expected, CentreDaysPresent = present,
            });
            await db.SaveChangesAsync();
        });

    /// <summary>A second centre director (of another centre), signed in with the demo password.</summary>
    public static async Task<string> DirectorOfAsync(this AppFactory app, TrainingCentre centre)
    {
        var email = $"director.{centre.Id}@migrantaid.test";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Directeur " + centre.Code,
                RegionId = centre.RegionId, TrainingCentreId = centre.Id, CreatedAt = app.Clock.GetUtcNow(),
            };
            DemoDataSeeder.Check(await users.CreateAsync(user, DemoDataSeeder.DemoPassword));
            DemoDataSeeder.Check(await users.AddToRoleAsync(user, "CentreDirector"));
        }
        return email;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
