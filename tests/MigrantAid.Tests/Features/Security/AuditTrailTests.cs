using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Security;

public sealed class AuditTrailTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_created_record_is_audited_with_its_real_key_not_the_temporary_one()
    {
        var id = await MigrantAid.Tests.Features.Enrolments.TrainingData.MigrantAsync(app);
        var enrolment = await MigrantAid.Tests.Features.Enrolments.TrainingData.EnrolmentAsync(app, id, (await MigrantAid.Tests.Features.Enrolments.TrainingData.CentreAsync(app)).Id);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Migrant) && a.Action == AuditAction.Created && a.EntityKey == key));
        Assert.Contains(("Id", null, key), created.ChangeList());
        var enrolled = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Enrolment) && a.Action == AuditAction.Created
            && a.EntityKey == enrolment.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(("MigrantId", null, key), enrolled.ChangeList());
        Assert.DoesNotContain(created.ChangeList().Concat(enrolled.ChangeList()), c => c.New is { } v && v.StartsWith("-21474", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_and_editing_a_user_is_audited_with_who_and_old_to_new_values()
    {
        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var created = await admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Email"] = "nouvelle.as@migrantaid.test", ["DisplayName"] = "Nouvelle AS", ["Role"] = "SocialWorker",
            ["RegionId"] = (await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("data-testid=\"temporary-password\"", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "nouvelle.as@migrantaid.test").Select(u => u.Id).SingleAsync());

        var edited = await admin.SubmitFormAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["DisplayName"] = "Nouvelle assistante sociale", ["Role"] = "SocialWorker",
            ["RegionId"] = (await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "TTA").Select(r => r.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ApplicationUser) && a.EntityKey == id).OrderBy(a => a.Id).ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditAction.Created && e.UserName == DemoAccounts.Admin);
        var update = entries.Last(e => e.Action == AuditAction.Updated && e.Changes!.Contains("DisplayName", StringComparison.Ordinal));
        Assert.Contains(("DisplayName", "Nouvelle AS", "Nouvelle assistante sociale"), update.ChangeList());
        Assert.Equal(DemoAccounts.Admin, update.UserName);
        Assert.False(string.IsNullOrEmpty(update.RequestId));
        Assert.DoesNotContain("PasswordHash", string.Concat(entries.Select(e => e.Changes)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_save_leaves_no_audit_entry()
    {
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            // Two trades with the same code break the unique index: the whole save fails.
            var sector = await db.Sectors.FirstAsync();
            db.Trades.Add(new Trade { Code = "DUP-X", NameFr = "a", NameAr = "a", NameEn = "a", SectorId = sector.Id });
            db.Trades.Add(new Trade { Code = "DUP-X", NameFr = "b", NameAr = "b", NameEn = "b", SectorId = sector.Id });
            await db.SaveChangesAsync();
        }));
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Trades.AnyAsync(t => t.Code == "DUP-X")));
    }

    [Fact]
    public async Task A_refused_request_is_audited_and_the_audit_page_filters_it()
    {
        var social = app.CreateBrowserLikeClient();
        await social.SignInOrFailAsync(DemoAccounts.TangerSocial);
        Assert.Equal(HttpStatusCode.Forbidden, (await social.GetAsync("/Admin/Audit")).StatusCode);

        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var page = await admin.GetTextAsync("/Admin/Audit?Action=AccessDenied&culture=fr");
        Assert.Contains(DemoAccounts.TangerSocial, page, StringComparison.Ordinal);
        Assert.Contains("GET /Admin/Audit", page, StringComparison.Ordinal);
        var signIns = await admin.GetTextAsync($"/Admin/Audit?Action=SignIn&User={DemoAccounts.TangerSocial}");
        Assert.Contains(DemoAccounts.TangerSocial, signIns, StringComparison.Ordinal);
        var none = await admin.GetTextAsync("/Admin/Audit?Action=AccessDenied&From=2001-01-01&To=2001-01-02");
        Assert.DoesNotContain(DemoAccounts.TangerSocial, none, StringComparison.Ordinal);
    }
}
