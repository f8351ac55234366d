using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Privacy;

public sealed class PrivacyRequestTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly Today => TestClock.Today;

    private async Task<HttpClient> ClientAsync(string email = DemoAccounts.Admin)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> RequestAsync(HttpClient admin, string fileNumber, string kind, DateOnly received)
    {
        var response = await admin.SubmitFormAsync("/Privacy/Requests/New", new Dictionary<string, string>
        {
            ["FileNumber"] = fileNumber, ["Kind"] = kind, ["ReceivedOn"] = Iso(received),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.PrivacyRequests.Where(r => r.Migrant!.FileNumber == fileNumber).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync());
    }

    [Fact]
    public async Task Only_the_data_protection_officer_reaches_the_register()
    {
        foreach (var email in new[] { DemoAccounts.RabatSocial, DemoAccounts.National, DemoAccounts.PartnerEu, DemoAccounts.AlkariDirector })
        {
            var client = await ClientAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Privacy")).StatusCode);
        }
        var admin = await ClientAsync();
        Assert.Contains("href=\"/Privacy\"", await admin.GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_gets_a_one_month_deadline_and_an_overdue_one_is_highlighted()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Request"), "Awa");
        var number = await app.FileNumberAsync(id);
        var admin = await ClientAsync();
        var late = await RequestAsync(admin, number, "Rectification", new DateOnly(2026, 9, 30));
        var recent = await RequestAsync(admin, number, "Access", Today);
        Assert.Equal(new DateOnly(2026, 10, 30), await app.WithDbAsync(db => db.PrivacyRequests.Where(r => r.Id == late).Select(r => r.DueOn).SingleAsync()));
        Assert.Equal(Today.AddMonths(1), await app.WithDbAsync(db => db.PrivacyRequests.Where(r => r.Id == recent).Select(r => r.DueOn).SingleAsync()));

        var doc = new HtmlParser().ParseDocument(await admin.GetTextAsync("/Privacy"));
        var overdueRows = doc.QuerySelectorAll("tr.table-danger").Select(r => r.TextContent).ToList();
        Assert.Contains(overdueRows, r => r.Contains(number, StringComparison.Ordinal) && r.Contains("Rectification", StringComparison.Ordinal));
        Assert.DoesNotContain(overdueRows, r => r.Contains("Accès", StringComparison.Ordinal) && r.Contains(number, StringComparison.Ordinal));
        Assert.Contains("en retard", doc.Body!.TextContent, StringComparison.Ordinal);

        // Closing it through its own form on the register.
        var done = await admin.SubmitFormAsync("/Privacy", new Dictionary<string, string> { ["status"] = "Done" }, $"/Privacy/Requests/{late}/Status");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var closed = await app.WithDbAsync(db => db.PrivacyRequests.SingleAsync(r => r.Id == late));
        Assert.Equal(PrivacyRequestStatus.Done, closed.Status);
        Assert.Equal(Today, closed.ClosedOn);
    }

    [Fact]
    public async Task An_unknown_file_number_is_refused_with_the_input_kept()
    {
        var admin = await ClientAsync();
        var response = await admin.SubmitFormAsync("/Privacy/Requests/New", new Dictionary<string, string>
        {
            ["FileNumber"] = "RSK-1999-999999", ["Kind"] = "Access", ["ReceivedOn"] = Iso(Today),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains("value=\"RSK-1999-999999\"", html, StringComparison.Ordinal);
        Assert.Contains("is-invalid", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_gives_the_complete_file_to_print_and_as_json_with_who_opened_it()
    {
        var family = MigrantTestData.UniqueName("Access");
        var id = await app.AddMigrantAsync("RSK", family, "Awa", configure: m => m.Phone = "+212 600 11 22 33");
        await app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.SingleAsync(x => x.Id == id);
            db.CaseNotes.Add(new CaseNote { MigrantId = id, RegionId = m.RegionId, Kind = CaseNoteKind.Interview, Date = Today, Text = "Note d'entretien pour l'accès" });
            await db.SaveChangesAsync();
        });
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        await social.GetTextAsync($"/Migrants/Details/{id}");
        var socialName = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.RabatSocial).Select(u => u.UserName).SingleAsync());

        var admin = await ClientAsync();
        var print = await admin.GetTextAsync($"/Privacy/Access/{id}");
        Assert.Contains(family, print, StringComparison.Ordinal);
        Assert.Contains("Note d'entretien pour l'accès", print, StringComparison.Ordinal);
        Assert.Contains("+212 600 11 22 33", print, StringComparison.Ordinal);
        Assert.Contains(socialName!, print, StringComparison.Ordinal);

        // In words, not code names: field labels, enum labels, actions and record kinds in the reader's language; numbers isolated left to right.
        var page = new HtmlParser().ParseDocument(print);
        var labels = page.QuerySelectorAll("dt").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains("Téléphone", labels);
        Assert.Contains("Nom de famille", labels);
        Assert.DoesNotContain("FamilyName", labels);
        Assert.DoesNotContain("Phone", labels);
        var values = page.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains("Entretien", values);
        Assert.DoesNotContain("Interview", values);
        Assert.Contains(page.QuerySelectorAll("dd bdi[dir=ltr]"), b => b.TextContent == "+212 600 11 22 33");
        var audit = page.QuerySelectorAll("tbody td").Select(d => d.TextContent).ToList();
        Assert.Contains(audit, t => t.Contains("Consultation", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, t => t.Contains("Viewed", StringComparison.Ordinal));
        Assert.Contains("الهاتف", await admin.GetTextAsync($"/Privacy/Access/{id}?culture=ar"), StringComparison.Ordinal);

        var json = await admin.GetAsync($"/Privacy/Access/{id}/Json");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        using var file = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var sections = file.RootElement.GetProperty("Sections").EnumerateArray().ToList();
        Assert.Equal(family, sections.Single(s => s.GetProperty("RecordType").GetString() == "Migrant").GetProperty("Rows")[0].GetProperty("FamilyName").GetString());
        Assert.Contains(sections, s => s.GetProperty("RecordType").GetString() == "CaseNote");
        Assert.Contains(file.RootElement.GetProperty("Audit").EnumerateArray(),
            a => a.GetProperty("Action").GetString() == "Viewed" && a.GetProperty("UserName").GetString() == socialName);
    }

    [Fact]
    public async Task Erasure_anonymises_the_person_everywhere_and_leaves_every_figure_unchanged()
    {
        var family = MigrantTestData.UniqueName("Erased");
        var given = MigrantTestData.UniqueName("Given");
        var id = await app.AddMigrantAsync("RSK", family, given, configure: m =>
        {
            m.BirthDate = new DateOnly(1994, 6, 15);
            m.BirthYear = null;
            m.Phone = "+212 677 88 99 00";
            m.AdministrativeStatus = AdministrativeStatus.Regularised;
            m.ResidenceCardNumber = "ERASEDCARD77";
            m.Vulnerabilities = Vulnerability.SingleParent;
            m.Address = "Douar Erased, Rabat";
        });
        var relative = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Relative"), "Moussa");
        var centre = await app.CentreAsync();
        var enrolment = await app.EnrolmentAsync(id, centre.Id, EnrolmentStatus.Active);
        var conventionId = await app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.SingleAsync(x => x.Id == id);
            db.CaseNotes.Add(new CaseNote { MigrantId = id, RegionId = m.RegionId, Kind = CaseNoteKind.Interview, Date = Today, Text = "Texte libre effacé" });
            db.Needs.Add(new Need { MigrantId = id, RegionId = m.RegionId, Kind = NeedKind.Housing, Status = NeedStatus.Referred, OpenedOn = Today.AddDays(-20), ReferredOn = Today, ReferredTo = "Foyer effacé", Notes = "Besoin effacé" });
            db.HouseholdMembers.Add(new HouseholdMember { MigrantId = id, RegionId = m.RegionId, Relationship = Relationship.Child, Name = "Enfant Effacé", Age = 4 });
            db.HouseholdMembers.Add(new HouseholdMember { MigrantId = relative, RegionId = m.RegionId, Relationship = Relationship.Sibling, RelatedMigrantId = id });
            db.Consents.Add(new Consent { MigrantId = id, RegionId = m.RegionId, Purpose = ConsentPurpose.SharingWithPartner, PartnerName = "Foyer effacé", GivenOn = Today });
            var eu = await db.Partners.Where(p => p.Code == "EU").Select(p => p.Id).SingleAsync();
            var convention = new PartnerConvention
            {
                Reference = "TEST-ERASE-" + family[..6], Title = "Convention effacement", Themes = ConventionTheme.VocationalTraining,
                Currency = ConventionCurrency.EUR, Budget = 1000, AgencyShare = 100, ExchangeRateToMad = 10.9m,
                StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2027, 12, 31),
                Partners = [new ConventionPartner { PartnerId = eu, Roles = OrganisationRoles.Funding }],
                Regions = [new ConventionRegion { RegionId = m.RegionId }],
            };
            db.PartnerConventions.Add(convention);
            await db.SaveChangesAsync();
            db.ConventionAttributions.Add(new ConventionAttribution { PartnerConventionId = convention.Id, RecordKind = AttributedRecordKind.Enrolment, RecordId = enrolment });
            await db.SaveChangesAsync();
            return convention.Id;
        });
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        await social.GetTextAsync($"/Migrants/Details/{id}");
        var admin = await ClientAsync();
        var number = await app.FileNumberAsync(id);

        // Free text elsewhere that names the person: another file (in another region) confirmed
        // "not a duplicate" of them, with its audit; a second aid given with a reason; an import not yet confirmed.
        var lookalike = await app.AddMigrantAsync("TTA", MigrantTestData.UniqueName("Lookalike"), "Awa",
            configure: x => x.ConfirmedNotDuplicateOf = $"{number},MA-OTHER-1");
        var lookalikeKey = lookalike.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var batch = await app.WithDbAsync(async db =>
        {
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var distribution = new AidDistribution
            {
                Date = Today.AddDays(-3), Site = new AidSite { Name = MigrantTestData.UniqueName("Site"), City = "Rabat", RegionId = rsk }, RegionId = rsk,
                Kind = AidKind.Food, Unit = "colis", PlannedQuantity = 1, ActualQuantity = 1, PlannedRecipients = 1, DistributedBy = "x",
            };
            distribution.Recipients.Add(new AidRecipient { MigrantId = id, RegionId = rsk, RepeatReason = $"Deuxième colis pour {family}, enfant malade" });
            db.AidDistributions.Add(distribution);
            db.AuditEntries.Add(new AuditEntry
            {
                At = app.Clock.GetUtcNow(), EntityType = nameof(Migrant), EntityKey = lookalikeKey, Action = AuditAction.Updated,
                Changes = JsonSerializer.Serialize(new Dictionary<string, string?[]> { ["ConfirmedNotDuplicateOf"] = [null, $"{number},MA-OTHER-1"] }),
            });
            var pending = new ImportBatch
            {
                Id = Guid.NewGuid(), Kind = "Migrants", FileName = "liste.xlsx", Status = ImportBatchStatus.Checked, CreatedAt = app.Clock.GetUtcNow(),
                Report = JsonSerializer.Serialize(new { Problems = new[] { $"Ligne 4 : {family} {given}, carte ERASEDCARD77 déjà utilisée par le dossier {number}" } }),
            };
            db.ImportBatches.Add(pending);
            await db.SaveChangesAsync();
            return pending.Id;
        });

        async Task<string> FiguresAsync()
        {
            await app.RefreshFiguresAsync();
            var doc = new HtmlParser().ParseDocument(await admin.GetTextAsync("/Dashboard?period=Month"));
            var charts = string.Join("\n", doc.QuerySelectorAll("script[type='application/json'][id^='chart-data-']").Select(s => s.Id + s.TextContent));
            var yearly = string.Join("\n", doc.QuerySelectorAll("script[type='application/json'][id^='chart-data-']").Select(s => s.TextContent));
            var indicators = new List<string>();
            foreach (var kind in new[] { IndicatorKind.PeopleEnrolled, IndicatorKind.NewRegistrations })
            {
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: compute indicators");
                var actual = await scope.ServiceProvider.GetRequiredService<IndicatorCalculator>()
                    .ComputeAsync(kind, [conventionId], new ReportPeriod(2026, null), PartnerConvention.DefaultAgeBands, false, CancellationToken.None);
                indicators.Add(JsonSerializer.Serialize(actual));
            }
            var year = await admin.GetTextAsync("/Dashboard?period=AcademicYear");
            return charts + yearly + string.Join("\n", indicators) + string.Join("\n",
                new HtmlParser().ParseDocument(year).QuerySelectorAll("script[type='application/json'][id^='chart-data-']").Select(s => s.TextContent));
        }
        var before = await FiguresAsync();
        Assert.Contains("\"People\":1", before, StringComparison.Ordinal);

        var request = await RequestAsync(admin, number, "Erasure", Today);
        var unconfirmed = await admin.SubmitFormAsync($"/Privacy/Requests/{request}/Erase", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Cochez la case", await unconfirmed.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(family, await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FamilyName).SingleAsync()));

        var erased = await admin.SubmitFormAsync($"/Privacy/Requests/{request}/Erase", new Dictionary<string, string> { ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        Assert.Equal(before, await FiguresAsync());
        var m = await app.WithDbAsync(db => db.Migrants.Include(x => x.NameTokens).SingleAsync(x => x.Id == id));
        Assert.Equal(("", "", null, 1994, null, null, null), (m.FamilyName, m.GivenName, m.BirthDate, m.YearOfBirth, m.Phone, m.ResidenceCardNumber, m.Address));
        Assert.Equal((Sex.Female, AdministrativeStatus.Regularised, Vulnerability.SingleParent), (m.Sex, m.AdministrativeStatus, m.Vulnerabilities));
        Assert.Empty(m.NameTokens);
        Assert.Equal(("", ""), (m.FamilyNameKey, m.GivenNameKey));
        Assert.Null(m.PhoneKey);
        Assert.Equal("", await app.WithDbAsync(db => db.CaseNotes.Where(n => n.MigrantId == id).Select(n => n.Text).SingleAsync()));
        var need = await app.WithDbAsync(db => db.Needs.SingleAsync(n => n.MigrantId == id));
        Assert.Equal((null, null, NeedStatus.Referred), (need.ReferredTo, need.Notes, need.Status));
        Assert.False(await app.WithDbAsync(db => db.HouseholdMembers.AnyAsync(h => h.RelatedMigrantId == id || (h.MigrantId == id && h.Name != null))));
        Assert.True(await app.WithDbAsync(db => db.Consents.Where(c => c.MigrantId == id).AllAsync(c => c.WithdrawnOn != null && c.PartnerName == null)));

        // No trace of the erased values: search, exports, the audit trail (old → new values scrubbed).
        foreach (var secret in new[] { family, given, "ERASEDCARD77", "677 88 99 00", "Texte libre effacé", "Foyer effacé", "Enfant Effacé", "Douar Erased", "1994-06-15", number })
        {
            Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Changes != null && a.Changes.Contains(secret))), secret);
            Assert.False(await app.WithDbAsync(db => db.Migrants.AnyAsync(x => x.ConfirmedNotDuplicateOf != null && x.ConfirmedNotDuplicateOf.Contains(secret))), secret);
            Assert.False(await app.WithDbAsync(db => db.ImportBatches.AnyAsync(b => b.Report != null && b.Report.Contains(secret))), secret);
            Assert.False(await app.WithDbAsync(db => db.AidRecipients.AnyAsync(r => r.RepeatReason != null && r.RepeatReason.Contains(secret))), secret);
        }
        // The other file's note keeps its meaning with the anonymous number; the other number it named is untouched.
        var anonymous = await app.FileNumberAsync(id);
        Assert.Equal($"{anonymous},MA-OTHER-1", await app.WithDbAsync(db => db.Migrants.Where(x => x.Id == lookalike).Select(x => x.ConfirmedNotDuplicateOf).SingleAsync()));
        Assert.Contains(anonymous, await app.WithDbAsync(db => db.ImportBatches.Where(b => b.Id == batch).Select(b => b.Report).SingleAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await admin.GetTextAsync($"/Migrants/Details/{lookalike}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/Migrants/Details/{id}\"", await admin.GetTextAsync($"/Migrants?Q={family}"), StringComparison.Ordinal);
        var export = await admin.GetTextAsync("/Migrants/Export");
        Assert.DoesNotContain(family, export, StringComparison.Ordinal);
        Assert.DoesNotContain("ERASEDCARD77", export, StringComparison.Ordinal);
        Assert.DoesNotContain(family, await admin.GetTextAsync($"/Privacy/Access/{id}"), StringComparison.Ordinal);

        // The trail keeps that it was done, by whom and why, and the request is closed.
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.Id).SingleAsync());
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Migrant) && a.EntityKey == key && a.Changes!.Contains("Anonymised")).SingleAsync());
        Assert.Equal(adminId, done.UserId);
        Assert.Contains($"Erasure request #{request}", done.Changes!, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Migrant) && a.EntityKey == key && a.Action == AuditAction.Viewed)));
        Assert.Equal(PrivacyRequestStatus.Done, await app.WithDbAsync(db => db.PrivacyRequests.Where(r => r.Id == request).Select(r => r.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Privacy/Requests/{request}/Erase")).StatusCode);
    }

    [Fact]
    public async Task The_permission_report_lists_what_each_user_sees_and_when_they_last_opened_a_file()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Opened"), "Awa");
        var social = await ClientAsync(DemoAccounts.RabatSocial);
        await social.GetTextAsync($"/Migrants/Details/{id}");
        var admin = await ClientAsync();
        var doc = new HtmlParser().ParseDocument(await admin.GetTextAsync("/Privacy/Permissions"));
        string Row(string email) => doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal)).TextContent;
        var rabat = Row(DemoAccounts.RabatSocial);
        Assert.Contains("Rabat", rabat, StringComparison.Ordinal);
        Assert.Contains("Statut légal", rabat, StringComparison.Ordinal);
        Assert.DoesNotContain("Jamais", rabat, StringComparison.Ordinal);
        var director = Row(DemoAccounts.AlkariDirector);
        Assert.Contains("Aucune (profil minimal", director, StringComparison.Ordinal);
        Assert.Contains("Jamais", director, StringComparison.Ordinal);
        Assert.Contains("chiffres seulement", Row(DemoAccounts.PartnerEu), StringComparison.Ordinal);
        Assert.Contains("Toutes les régions", Row(DemoAccounts.National), StringComparison.Ordinal);
    }
}
