using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

public sealed partial class EnrolmentTests(AppFactory app) : IClassFixture<AppFactory>
{
    [GeneratedRegex("name=\"Version\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex VersionPattern();

    private async Task<(int Centre, int Trade, int Track)> AlkariOfferAsync(int capacity = 30)
    {
        var centre = await app.CentreAsync();
        var trade = await app.TradeAsync();
        var track = await app.TrackAsync();
        await app.OfferAsync(centre.Id, trade, track, TrainingData.ThisYear, capacity);
        return (centre.Id, trade, track);
    }

    /// <summary>Proposes an enrolment as the form does: the person, the centre and year, one of the centre's offers, a start date.</summary>
    private async Task<HttpResponseMessage> EnrolAsync(HttpClient client, int migrantId, int centreId, int trade, int track,
        int? year = null, DateOnly? start = null, bool overrideCapacity = false)
    {
        var y = year ?? TrainingData.ThisYear;
        var offer = await app.WithDbAsync(db => db.CentreOffers.Where(o => o.TrainingCentreId == centreId && o.TradeId == trade
            && o.DiplomaTrackId == track && o.AcademicYear == y).Select(o => (int?)o.Id).SingleOrDefaultAsync());
        var formUrl = $"/Enrolments/Create?migrantId={migrantId}&centreId={centreId}&year={y}";
        var fields = new Dictionary<string, string>
        {
            ["MigrantId"] = migrantId.ToString(), ["CentreId"] = centreId.ToString(), ["AcademicYear"] = y.ToString(),
            ["OfferId"] = (offer ?? 0).ToString(),
            ["StartDate"] = TrainingData.Iso(start ?? TrainingData.Today),
        };
        if (overrideCapacity)
        {
            fields["OverrideCapacity"] = "true";
        }
        if ((await client.GetAsync(formUrl)).StatusCode != HttpStatusCode.OK)
        {
            // A person or centre out of the user's scope has no form: the user's own language
            // form, its fields changed and pointed at the create action (the developer tools).
            var own = await client.GetFormAsync("/", "form[action$='/Language/Set']");
            return await own.SubmitTamperedToAsync("/Enrolments/Create", fields);
        }
        var form = await client.GetFormAsync(formUrl, "/Enrolments/Create");
        var names = form.Element.Elements.Select(e => e.GetAttribute("name")).ToHashSet(StringComparer.Ordinal);
        // A field the form does not show (an override a social worker is not offered) is tampering.
        return fields.Keys.All(names.Contains) ? await form.SubmitAsync(fields) : await form.SubmitTamperedAsync(fields);
    }

    private static string TransitionForm(string action) => $"form[aria-labelledby='h-{action}']";

    /// <summary>
    /// Fills and submits the form of one status change on the enrolment page; with a
    /// <paramref name="version"/>, the form as a page opened before someone else's change sends it.
    /// </summary>
    private static async Task<HttpResponseMessage> TransitionAsync(HttpClient client, int id, string action, DateOnly date, Dictionary<string, string>? extra = null, string? version = null)
    {
        var page = await client.GetStringAsync($"/Enrolments/Details/{id}");
        var offered = page.Contains($"aria-labelledby=\"h-{action}\"", StringComparison.Ordinal);
        // A change the page does not offer is sent as a person with the developer tools would:
        // an offered status form with its action changed.
        var first = System.Text.RegularExpressions.Regex.Match(page, "action=\"/Enrolments/Transition/[0-9]+\"[^>]*aria-labelledby=\"h-([A-Za-z]+)\"").Groups[1].Value;
        var form = await client.GetFormAsync($"/Enrolments/Details/{id}", TransitionForm(offered ? action : first));
        var fields = new Dictionary<string, string>(extra ?? []) { ["Date"] = TrainingData.Iso(date) };
        if (version is null && offered)
        {
            return await form.SubmitAsync(fields);
        }
        fields["Action"] = action;
        if (version is not null)
        {
            fields["Version"] = version;
        }
        return await form.SubmitTamperedAsync(fields);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    [Fact]
    public async Task A_proposal_is_an_application_and_the_expected_end_follows_the_track()
    {
        var (centre, trade, track) = await AlkariOfferAsync();
        var migrant = await app.MigrantAsync();
        var client = await SignedInAsync(DemoAccounts.RabatSocial);

        var start = new DateOnly(TrainingData.ThisYear, 10, 1);
        var response = await EnrolAsync(client, migrant, centre, trade, track, start: start);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetTextAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Candidature", page, StringComparison.Ordinal);
        Assert.Contains(start.AddMonths(12).AddDays(-1).ToString("d", new System.Globalization.CultureInfo("fr")), page, StringComparison.Ordinal);
        Assert.Contains($"{TrainingData.ThisYear}/{TrainingData.ThisYear + 1}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_file_link_prefills_the_migrant()
    {
        var migrant = await app.MigrantAsync();
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        var form = await client.GetTextAsync($"/Enrolments/Create?migrantId={migrant}");
        Assert.Contains(await app.FileNumberAsync(migrant), form, StringComparison.Ordinal);
        Assert.Contains($"name=\"migrantId\" value=\"{migrant}\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_can_have_only_one_enrolment_in_progress()
    {
        var (centre, trade, track) = await AlkariOfferAsync();
        var migrant = await app.MigrantAsync();
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        Assert.Equal(HttpStatusCode.Redirect, (await EnrolAsync(client, migrant, centre, trade, track)).StatusCode);

        var second = await EnrolAsync(client, migrant, centre, trade, track);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("une seule inscription active par personne", await second.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Enrolments.CountAsync(e => e.MigrantId == migrant)));
    }

    [Fact]
    public async Task After_a_dropout_the_person_can_enrol_again()
    {
        var (centre, trade, track) = await AlkariOfferAsync();
        var migrant = await app.MigrantAsync();
        await app.EnrolmentAsync(migrant, centre, EnrolmentStatus.Active, after: e => e.DropOut(TrainingData.Today, DropoutReason.Health));
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        Assert.Equal(HttpStatusCode.Redirect, (await EnrolAsync(client, migrant, centre, trade, track)).StatusCode);
    }

    [Fact]
    public async Task The_form_offers_only_what_the_centre_offers_that_year_and_refuses_anything_else()
    {
        var (centre, trade, track) = await AlkariOfferAsync();
        var qualification = await app.TrackAsync(DiplomaTrack.Qualification);
        var hairdressing = await app.TradeAsync("COIF");
        var other = (await app.CentreInRegionAsync("RSK")).Id;
        await app.OfferAsync(other, hairdressing, qualification, TrainingData.ThisYear, 5);
        var migrant = await app.MigrantAsync();
        var client = await SignedInAsync(DemoAccounts.RabatSocial);

        var form = await client.GetTextAsync($"/Enrolments/Create?migrantId={migrant}&centreId={centre}");
        Assert.Contains("Menuiserie aluminium", form, StringComparison.Ordinal);
        Assert.DoesNotContain("CentreCode", form, StringComparison.Ordinal);
        var listed = Regex.Matches(form, "name=\"OfferId\" id=\"offer-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).Order().ToList();
        var offered = await app.WithDbAsync(db => db.CentreOffers.Where(o => o.TrainingCentreId == centre && o.AcademicYear == TrainingData.ThisYear)
            .Select(o => o.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(offered, listed);

        // An offer of another centre posted with this centre, and an offer that does not exist: refused.
        var otherOffer = await app.WithDbAsync(db => db.CentreOffers.Where(o => o.TrainingCentreId == other && o.TradeId == hairdressing).Select(o => o.Id).FirstAsync());
        var response = await client.PostFormAsync($"/Enrolments/Create?migrantId={migrant}&centreId={centre}", new Dictionary<string, string>
        {
            ["MigrantId"] = migrant.ToString(), ["CentreId"] = centre.ToString(), ["AcademicYear"] = TrainingData.ThisYear.ToString(),
            ["OfferId"] = otherOffer.ToString(), ["StartDate"] = TrainingData.Iso(TrainingData.Today),
        }, "/Enrolments/Create");
        Assert.Contains("n'offre pas cette filière dans ce parcours", await response.ReadTextAsync(), StringComparison.Ordinal);
        var lastYear = await EnrolAsync(client, migrant, centre, trade, qualification);
        Assert.Contains("n'offre pas cette filière dans ce parcours", await lastYear.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enrolments.CountAsync(e => e.MigrantId == migrant)));
    }

    [Fact]
    public async Task The_start_date_must_fall_in_the_academic_year()
    {
        var (centre, trade, track) = await AlkariOfferAsync();
        var migrant = await app.MigrantAsync();
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        var response = await EnrolAsync(client, migrant, centre, trade, track, start: new DateOnly(TrainingData.ThisYear + 1, 9, 2));
        Assert.Contains("La date de début doit tomber dans l'année de formation", await response.ReadTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_is_enforced_and_only_an_administrator_may_override_it_which_is_recorded()
    {
        var centre = (await app.CentreInRegionAsync("RSK")).Id;
        var trade = await app.TradeAsync("AUTO");
        var track = await app.TrackAsync();
        await app.OfferAsync(centre, trade, track, TrainingData.ThisYear, 1);
        var manager = await SignedInAsync(DemoAccounts.RabatManager);
        Assert.Equal(HttpStatusCode.Redirect, (await EnrolAsync(manager, await app.MigrantAsync(), centre, trade, track)).StatusCode);

        var second = await app.MigrantAsync();
        var full = await EnrolAsync(manager, second, centre, trade, track, overrideCapacity: true);
        Assert.Contains("La capacité de cette filière est atteinte", await full.ReadTextAsync(), StringComparison.Ordinal);

        var admin = await SignedInAsync(DemoAccounts.Admin);
        var refused = await EnrolAsync(admin, second, centre, trade, track);
        Assert.Contains("Dépasser la capacité", await refused.ReadTextAsync(), StringComparison.Ordinal);
        var overridden = await EnrolAsync(admin, second, centre, trade, track, overrideCapacity: true);
        Assert.Equal(HttpStatusCode.Redirect, overridden.StatusCode);
        Assert.Contains("Capacité dépassée par dérogation", await admin.GetTextAsync(overridden.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Enrolment) && a.Action == AuditAction.Created)
            .OrderByDescending(a => a.Id).Select(a => a.Changes).FirstAsync());
        Assert.Contains("\"CapacityOverridden\":[null,true]", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_out_place_is_free_again()
    {
        var centre = (await app.CentreInRegionAsync("RSK")).Id;
        var trade = await app.TradeAsync("COIF");
        var track = await app.TrackAsync();
        await app.OfferAsync(centre, trade, track, TrainingData.ThisYear, 1);
        var admin = await SignedInAsync(DemoAccounts.Admin);
        var first = await EnrolAsync(admin, await app.MigrantAsync(), centre, trade, track);
        var id = int.Parse(first.Headers.Location!.OriginalString.Split('/')[^1]);
        await TransitionAsync(admin, id, "DropOut", TrainingData.Today, new() { ["Reason"] = "FoundWork" });
        Assert.Equal(HttpStatusCode.Redirect, (await EnrolAsync(admin, await app.MigrantAsync(), centre, trade, track)).StatusCode);
    }

    [Fact]
    public async Task A_social_worker_cannot_enrol_at_a_centre_of_another_region()
    {
        var (centre, trade, track) = await AlkariOfferAsync();
        var migrant = await app.MigrantAsync("TTA");
        var client = await SignedInAsync(DemoAccounts.TangerSocial);
        var response = await EnrolAsync(client, migrant, centre, trade, track);
        Assert.Contains("Ce centre n'est pas dans votre périmètre", await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Enrolments/Create?centreId={centre}")).StatusCode);
    }

    [Fact]
    public async Task A_social_worker_cannot_enrol_a_migrant_of_another_region()
    {
        var (centre, trade, track) = await AlkariOfferAsync();
        var migrant = await app.MigrantAsync("TTA");
        var client = await SignedInAsync(DemoAccounts.RabatSocial);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Enrolments/Create?migrantId={migrant}")).StatusCode);
        // Posted anyway: the file is out of scope, so the answer is 404 and nothing is recorded.
        Assert.Equal(HttpStatusCode.NotFound, (await EnrolAsync(client, migrant, centre, trade, track)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enrolments.CountAsync(e => e.MigrantId == migrant)));
    }

    [Fact]
    public async Task The_whole_path_from_application_to_diploma_goes_through_the_page()
    {
        var centre = (await app.CentreAsync()).Id;
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), centre, EnrolmentStatus.Applied, start: TrainingData.Today.AddDays(-30));
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        var d = TrainingData.Today.AddDays(-30);
        foreach (var (action, status, extra) in new (string, string, Dictionary<string, string>?)[]
        {
            ("Accept", "Inscrit", null), ("Activate", "En formation", null), ("Suspend", "Suspendu", null), ("Resume", "En formation", null),
            ("Complete", "Formation terminée", null), ("Certify", "Diplômé", new() { ["DiplomaNumber"] = "DA-2026-0007" }),
        })
        {
            d = d.AddDays(2);
            var response = await TransitionAsync(client, id, action, d, extra);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {await response.ReadTextAsync()}");
            Assert.Contains($"fs-6\">{status}</span>", await client.GetTextAsync($"/Enrolments/Details/{id}"), StringComparison.Ordinal);
        }
        Assert.Contains("DA-2026-0007", await client.GetTextAsync($"/Enrolments/Details/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transitions_the_status_does_not_allow_are_refused_with_a_message()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id, EnrolmentStatus.Active);
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        foreach (var action in new[] { "Certify", "Accept", "Resume", "RecordOutcome" })
        {
            var response = await TransitionAsync(client, id, action, TrainingData.Today, new() { ["DiplomaNumber"] = "X", ["Outcome"] = "SeekingWork" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.ReadTextAsync();
            Assert.True(text.Contains("n'est pas possible depuis le statut actuel", StringComparison.Ordinal)
                || text.Contains("Le devenir s'enregistre après la fin de la formation", StringComparison.Ordinal), action);
        }
        Assert.Equal(EnrolmentStatus.Active, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_dropout_needs_a_reason_and_records_date_reason_and_note()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id, EnrolmentStatus.Active);
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        var missing = await TransitionAsync(client, id, "DropOut", TrainingData.Today);
        Assert.Contains("Choisissez le motif de l'abandon", await missing.ReadTextAsync(), StringComparison.Ordinal);

        var ok = await TransitionAsync(client, id, "DropOut", TrainingData.Today, new() { ["Reason"] = "NeedsIncomeInformalWork", ["Note"] = "Travaille sur un chantier" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = await client.GetTextAsync($"/Enrolments/Details/{id}");
        Assert.Contains("Besoin de revenu — travail informel", page, StringComparison.Ordinal);
        Assert.Contains("Travaille sur un chantier", page, StringComparison.Ordinal);
        Assert.Contains(TrainingData.Today.ToString("d", new System.Globalization.CultureInfo("fr")), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_page_cannot_overwrite_a_newer_change()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id, EnrolmentStatus.Active);
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        var stale = VersionPattern().Match(await client.GetStringAsync($"/Enrolments/Details/{id}")).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(client, id, "Suspend", TrainingData.Today)).StatusCode);

        var response = await TransitionAsync(client, id, "Resume", TrainingData.Today, version: stale);
        Assert.Contains("modifiée par quelqu'un d'autre", await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(EnrolmentStatus.Suspended, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_national_manager_reads_but_cannot_change_an_enrolment()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id, EnrolmentStatus.Active);
        var client = await SignedInAsync(DemoAccounts.National);
        var page = await client.GetTextAsync($"/Enrolments/Details/{id}");
        Assert.DoesNotContain("/Enrolments/Transition/", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Enrolments/Create")).StatusCode);
    }

    [Fact]
    public async Task The_director_sees_the_minimal_profile_only()
    {
        var migrant = await app.MigrantAsync(configure: m =>
        {
            m.UnhcrNumber = "UNHCR-SECRET-77";
            m.ResidenceCardNumber = "CARD-SECRET-88";
            m.AdministrativeStatus = AdministrativeStatus.Refugee;
            m.Vulnerabilities = Vulnerability.Pregnancy;
        });
        var id = await app.EnrolmentAsync(migrant, (await app.CentreAsync()).Id);
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        var page = await client.GetTextAsync($"/Enrolments/Details/{id}");
        Assert.Contains("Aminata", page, StringComparison.Ordinal);
        Assert.Contains("1996", page, StringComparison.Ordinal);
        Assert.Contains("+212 600 000 001", page, StringComparison.Ordinal);
        Assert.Contains("Sénégal", page, StringComparison.Ordinal);
        foreach (var secret in new[] { "UNHCR-SECRET-77", "CARD-SECRET-88", "Refugee", "Réfugié", "Pregnancy", "Grossesse" })
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_centre_director_and_a_Tanger_social_worker_get_404_on_an_Alkari_enrolment()
    {
        var id = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreAsync()).Id);
        var other = await app.DirectorOfAsync(await app.CentreInRegionAsync("RSK"));
        foreach (var email in new[] { other, DemoAccounts.TangerSocial })
        {
            var client = await SignedInAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Enrolments/Details/{id}")).StatusCode);
            var list = await client.GetTextAsync("/Enrolments");
            Assert.DoesNotContain($"/Enrolments/Details/{id}\"", list, StringComparison.Ordinal);
        }
        var otherDirector = await SignedInAsync(other);
        // The other director's own apprentice's Suspend form, pointed at the Alkari enrolment.
        var own = await app.EnrolmentAsync(await app.MigrantAsync(), (await app.CentreInRegionAsync("RSK")).Id);
        var post = await otherDirector.SubmitRetargetedFormAsync($"/Enrolments/Details/{own}", TransitionForm("Suspend"), $"/Enrolments/Transition/{id}");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        foreach (var email in new[] { DemoAccounts.AlkariDirector, DemoAccounts.RabatManager, DemoAccounts.RabatSocial, DemoAccounts.Admin })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync(email)).GetAsync($"/Enrolments/Details/{id}")).StatusCode);
        }
    }
}
