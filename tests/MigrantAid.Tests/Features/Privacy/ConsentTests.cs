using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Privacy;

namespace MigrantAid.Tests.Features.Privacy;

public sealed class ConsentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly Today => TestClock.Today;

    private async Task<HttpClient> ClientAsync(string email = DemoAccounts.RabatSocial)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task AddConsentAsync(int migrantId, ConsentPurpose purpose, string? partner = null, DateOnly? expires = null, DateOnly? withdrawn = null) =>
        app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.SingleAsync(x => x.Id == migrantId);
            db.Consents.Add(new Consent
            {
                MigrantId = m.Id, RegionId = m.RegionId, Purpose = purpose, PartnerName = partner, Method = ConsentMethod.SignedForm,
                GivenOn = Today.AddYears(-1), ExpiresOn = expires, WithdrawnOn = withdrawn,
            });
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_consent_per_purpose_is_recorded_on_the_case_file_and_withdrawn_in_one_audited_action()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Consent"), "Awa");
        var client = await ClientAsync();
        var details = await client.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains("Consentements par finalité", details, StringComparison.Ordinal);
        Assert.Contains($"/Privacy/Consents/Record/{id}", details, StringComparison.Ordinal);

        var saved = await client.SubmitFormAsync($"/Privacy/Consents/Record/{id}", new Dictionary<string, string>
        {
            ["Purpose"] = "PhoneContact", ["Method"] = "OralWithWitness", ["Witness"] = "Fatima Zahra", ["GivenOn"] = Iso(Today.AddDays(-3)),
            ["ExpiresOn"] = Iso(Today.AddYears(1)),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await client.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains("Contact par téléphone", html, StringComparison.Ordinal);
        Assert.Contains("Témoin : Fatima Zahra", html, StringComparison.Ordinal);
        Assert.Contains("Consentement donné : Contact par téléphone", html, StringComparison.Ordinal);

        var consentId = await app.WithDbAsync(db => db.Consents.Where(c => c.MigrantId == id).Select(c => c.Id).SingleAsync());
        var withdraw = await client.GetFormAsync($"/Migrants/Details/{id}", $"/Privacy/Consents/Withdraw/{consentId}");
        Assert.False(string.IsNullOrEmpty(withdraw.Element.GetAttribute("data-confirm")));
        Assert.Equal(HttpStatusCode.Redirect, (await withdraw.SubmitAsync()).StatusCode);

        var consent = await app.WithDbAsync(db => db.Consents.SingleAsync(c => c.Id == consentId));
        Assert.Equal(Today, consent.WithdrawnOn);
        Assert.NotNull(consent.WithdrawnById);
        var key = consentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Consent) && a.EntityKey == key
            && a.Action == AuditAction.Updated && a.Changes!.Contains("WithdrawnOn"))));
        var after = await client.GetTextAsync($"/Migrants/Details/{id}");
        Assert.Contains("Retiré le", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Privacy/Consents/Withdraw/{consentId}", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oral_consent_without_a_witness_is_refused_with_the_input_kept()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Oral"), "Awa");
        var client = await ClientAsync();
        var response = await client.SubmitFormAsync($"/Privacy/Consents/Record/{id}", new Dictionary<string, string>
        {
            ["Purpose"] = "SharingWithPartner", ["PartnerName"] = "Caritas Rabat", ["Method"] = "OralWithWitness", ["Witness"] = "", ["GivenOn"] = Iso(Today),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains("Indiquez le témoin du consentement oral.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Caritas Rabat\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Consents.AnyAsync(c => c.MigrantId == id)));
    }

    [Fact]
    public async Task A_referral_needs_a_valid_consent_to_share_with_that_organisation()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Referral"), "Awa");
        await AddConsentAsync(id, ConsentPurpose.SharingWithPartner, "Caritas Rabat", expires: Today.AddDays(-1));
        await AddConsentAsync(id, ConsentPurpose.SharingWithPartner, "Fondation Orient-Occident", withdrawn: Today.AddDays(-2));
        var client = await ClientAsync();
        Dictionary<string, string> Need(string to) => new() { ["Kind"] = "PartnerNgo", ["Status"] = "Referred", ["OpenedOn"] = Iso(Today), ["ReferredTo"] = to };

        foreach (var refused in new[] { "Caritas Rabat", "Fondation Orient-Occident", "Hôpital Ibn Sina" })
        {
            var response = await client.SubmitFormAsync($"/Migrants/{id}/AddNeed", Need(refused));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("sans le consentement valide", await response.ReadTextAsync(), StringComparison.Ordinal);
        }
        Assert.False(await app.WithDbAsync(db => db.Needs.AnyAsync(n => n.MigrantId == id)));

        // The consent recorded through its form, then the same referral goes through (the name compared without case or accents).
        var consent = await client.SubmitFormAsync($"/Privacy/Consents/Record/{id}", new Dictionary<string, string>
        {
            ["Purpose"] = "SharingWithPartner", ["PartnerName"] = "CARITAS rabat", ["Method"] = "SignedForm", ["GivenOn"] = Iso(Today),
        });
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Migrants/{id}/AddNeed", Need("Caritas Rabat"))).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Needs.AnyAsync(n => n.MigrantId == id && n.Status == NeedStatus.Referred)));
    }

    [Fact]
    public async Task Moving_a_need_to_referred_without_the_sharing_consent_leads_to_recording_it()
    {
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Status"), "Awa");
        var needId = await app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.SingleAsync(x => x.Id == id);
            var need = new Need { MigrantId = id, RegionId = m.RegionId, Kind = NeedKind.Legal, Status = NeedStatus.Open, OpenedOn = Today, ReferredTo = "Association Droit et Justice" };
            db.Needs.Add(need);
            await db.SaveChangesAsync();
            return need.Id;
        });
        var client = await ClientAsync();
        var response = await client.SubmitFormAsync($"/Migrants/Details/{id}",
            new Dictionary<string, string> { ["needId"] = needId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "Referred" },
            $"/Migrants/{id}/NeedStatus");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/Privacy/Consents/Record/{id}", response.Headers.Location!.OriginalString.TrimStart('~'), StringComparison.Ordinal);
        Assert.Equal(NeedStatus.Open, await app.WithDbAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync()));
        var page = await client.GetTextAsync(response.Headers.Location!.OriginalString.TrimStart('~'));
        Assert.Contains("Association Droit et Justice", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_file_records_the_case_management_consent()
    {
        var rsk = await app.RegionIdAsync("RSK");
        var family = MigrantTestData.UniqueName("Registered");
        var client = await ClientAsync();
        var response = await client.SubmitFormAsync("/Migrants/Create", MigrantTestData.Form(rsk, family, "Ousmane"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var consent = await app.WithDbAsync(db => db.Consents.SingleAsync(c => c.Migrant!.FamilyName == family));
        Assert.Equal(ConsentPurpose.CaseManagement, consent.Purpose);
        Assert.Equal(Today, consent.GivenOn);
        Assert.NotNull(consent.RecordedById);
    }

    [Fact]
    public async Task The_expiring_consents_list_shows_the_users_region_only_paged_and_is_linked_from_the_home_page()
    {
        var rabatName = MigrantTestData.UniqueName("Expiring");
        var tangerName = MigrantTestData.UniqueName("Elsewhere");
        var rabatId = await app.AddMigrantAsync("RSK", rabatName, "Awa");
        var tangerId = await app.AddMigrantAsync("TTA", tangerName, "Awa");
        await AddConsentAsync(rabatId, ConsentPurpose.ConventionReporting, expires: Today.AddDays(10));
        await AddConsentAsync(tangerId, ConsentPurpose.ConventionReporting, expires: Today.AddDays(-5));
        // Enough expiring consents in the region for a second page.
        await app.WithDbAsync(async db =>
        {
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            for (var i = 0; i < ConsentsController.PageSize; i++)
            {
                db.Consents.Add(new Consent { MigrantId = rabatId, RegionId = rsk, Purpose = ConsentPurpose.PhoneContact, GivenOn = Today.AddYears(-1), ExpiresOn = Today.AddDays(30) });
            }
            await db.SaveChangesAsync();
        });

        var rabat = await ClientAsync();
        var home = await rabat.GetTextAsync("/");
        Assert.Contains("/Privacy/Consents/Expiring", home, StringComparison.Ordinal);
        var first = await rabat.GetTextAsync("/Privacy/Consents/Expiring");
        Assert.Contains(rabatName, first, StringComparison.Ordinal);
        Assert.DoesNotContain(tangerName, first, StringComparison.Ordinal);
        Assert.Contains("page=2", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await rabat.GetAsync("/Privacy/Consents/Expiring?page=2")).StatusCode);

        var tanger = await ClientAsync(DemoAccounts.TangerSocial);
        var theirs = await tanger.GetTextAsync("/Privacy/Consents/Expiring");
        Assert.Contains(tangerName, theirs, StringComparison.Ordinal);
        Assert.Contains("Expiré", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(rabatName, theirs, StringComparison.Ordinal);
        // Another region's file: no consent form.
        Assert.Equal(HttpStatusCode.NotFound, (await tanger.GetAsync($"/Privacy/Consents/Record/{rabatId}")).StatusCode);
    }

    [Fact]
    public async Task A_partner_reaches_no_person_level_list_and_a_partner_list_keeps_only_people_who_agreed_to_reporting()
    {
        var partner = await ClientAsync(DemoAccounts.PartnerEu);
        foreach (var url in new[] { "/Migrants", "/Migrants/Export", "/Privacy/Consents/Expiring", "/Privacy", "/Enrolments" })
        {
            var status = (await partner.GetAsync(url)).StatusCode;
            Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{url}: {status}");
        }

        var agreed = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Agreed"), "Awa");
        var refused = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Refused"), "Awa");
        var withdrawn = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Withdrawn"), "Awa");
        await AddConsentAsync(agreed, ConsentPurpose.ConventionReporting);
        await AddConsentAsync(refused, ConsentPurpose.CaseManagement);
        await AddConsentAsync(withdrawn, ConsentPurpose.ConventionReporting, withdrawn: Today);
        var listed = await app.WithDbAsync(db => ConsentRules.WithReportingConsent(db.Migrants.Where(m => m.Id == agreed || m.Id == refused || m.Id == withdrawn), db, Today)
            .Select(m => m.Id).ToListAsync());
        Assert.Equal([agreed], listed);
    }
}
