using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>The row scope on migrant files: a centre director sees exactly the people enrolled at their centre.</summary>
public sealed class MigrantScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private SqliteAppDbContext ContextFor(string role, int? regionId, int? centreId)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "test-user"), new(ClaimTypes.Role, role) };
        if (regionId is { } r) claims.Add(new(AppClaimTypes.RegionId, r.ToString(CultureInfo.InvariantCulture)));
        if (centreId is { } c) claims.Add(new(AppClaimTypes.CentreId, c.ToString(CultureInfo.InvariantCulture)));
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test")) };
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={app.DatabasePath}").Options;
        return new SqliteAppDbContext(options, null, new CurrentUser(new FixedHttpContextAccessor(http)));
    }

    [Fact]
    public async Task A_director_sees_the_files_of_their_centre_apprentices_and_no_others()
    {
        var alkari = await app.CentreAsync();
        var other = await app.CentreInRegionAsync("RSK");
        var apprentice = await app.MigrantAsync();
        var elsewhere = await app.MigrantAsync();
        var notEnrolled = await app.MigrantAsync();
        var fromTanger = await app.MigrantAsync("TTA");
        await app.EnrolmentAsync(apprentice, alkari.Id);
        await app.EnrolmentAsync(elsewhere, other.Id);
        await app.EnrolmentAsync(fromTanger, alkari.Id, EnrolmentStatus.Completed, after: e => e.Complete(TrainingData.Today));

        await using var director = ContextFor(Roles.CentreDirector, alkari.RegionId, alkari.Id);
        var seen = await director.Migrants.Select(m => m.Id).ToListAsync();
        Assert.Contains(apprentice, seen);
        Assert.Contains(fromTanger, seen);
        Assert.DoesNotContain(elsewhere, seen);
        Assert.DoesNotContain(notEnrolled, seen);
        Assert.All(await director.Enrolments.ToListAsync(), e => Assert.Equal(alkari.Id, e.TrainingCentreId));

        var tta = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync());
        await using var tanger = ContextFor(Roles.SocialWorker, tta, null);
        var tangerSees = await tanger.Migrants.Select(m => m.Id).ToListAsync();
        Assert.Contains(fromTanger, tangerSees);
        Assert.DoesNotContain(apprentice, tangerSees);
        Assert.Empty(await tanger.Enrolments.Where(e => e.TrainingCentreId == alkari.Id).ToListAsync());
    }
}
