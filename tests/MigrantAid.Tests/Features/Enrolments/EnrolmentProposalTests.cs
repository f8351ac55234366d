using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Enrolments;

namespace MigrantAid.Tests.Features.Enrolments;

/// <summary>
/// Enrolling without enumeration: the social worker proposes from the case file, the director
/// accepts or declines; a director who enrols someone in front of them must know the file
/// number, family name and birth year together, and learns nothing from a mismatch.
/// </summary>
public sealed partial class EnrolmentProposalTests(AppFactory app) : IClassFixture<AppFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenField();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private async Task<(int Centre, int Offer)> AlkariOfferAsync()
    {
        var centre = (await app.CentreAsync()).Id;
        var trade = await app.TradeAsync();
        var track = await app.TrackAsync();
        await app.OfferAsync(centre, trade, track, TrainingData.ThisYear, 40);
        var offer = await app.WithDbAsync(db => db.CentreOffers.Where(o => o.TrainingCentreId == centre && o.TradeId == trade
            && o.DiplomaTrackId == track && o.AcademicYear == TrainingData.ThisYear).Select(o => o.Id).SingleAsync());
        return (centre, offer);
    }

    private static Task<HttpResponseMessage> FindAsync(HttpClient client, string fileNumber, string familyName, int birthYear) =>
        client.PostFormAsync("/Enrolments/Find", new Dictionary<string, string>
        {
            ["FileNumber"] = fileNumber, ["FamilyName"] = familyName, ["BirthYear"] = birthYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    [Fact]
    public async Task The_social_worker_proposes_from_the_case_file_and_the_director_accepts_from_the_list()
    {
        var (centre, offer) = await AlkariOfferAsync();
        var name = "Propose" + Guid.NewGuid().ToString("N")[..6];
        var migrant = await app.MigrantAsync(familyName: name);
        var social = await SignedInAsync(DemoAccounts.RabatSocial);

        Assert.Contains($"/Enrolments/Create?migrantId={migrant}", await social.GetTextAsync($"/Migrants/Details/{migrant}"), StringComparison.Ordinal);
        var form = await social.GetTextAsync($"/Enrolments/Create?migrantId={migrant}&centreId={centre}");
        Assert.Contains(name, form, StringComparison.Ordinal);
        Assert.Contains("1996", form, StringComparison.Ordinal);
        Assert.Contains("Sénégal", form, StringComparison.Ordinal);
        var proposed = await social.PostFormAsync($"/Enrolments/Create?migrantId={migrant}&centreId={centre}", new Dictionary<string, string>
        {
            ["MigrantId"] = migrant.ToString(), ["CentreId"] = centre.ToString(), ["AcademicYear"] = TrainingData.ThisYear.ToString(),
            ["OfferId"] = offer.ToString(), ["StartDate"] = TrainingData.Iso(TrainingData.Today),
        }, "/Enrolments/Create");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var id = await app.WithDbAsync(db => db.Enrolments.Where(e => e.MigrantId == migrant).Select(e => e.Id).SingleAsync());
        Assert.Equal(EnrolmentStatus.Applied, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));

        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var home = await director.GetTextAsync("/");
        Assert.Contains("Candidatures en attente de votre décision", home, StringComparison.Ordinal);
        Assert.Contains(name, home, StringComparison.Ordinal);
        var list = await director.GetTextAsync("/Enrolments/Applications");
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains("Assistante sociale Rabat", list, StringComparison.Ordinal);

        var version = await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());
        var accepted = await director.SubmitFormAsync("/Enrolments/Applications", form: $"form[action='/Enrolments/Decide/{id}'][data-decision='Accept']");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(EnrolmentStatus.Enrolled, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        Assert.DoesNotContain(name, await director.GetTextAsync("/Enrolments/Applications"), StringComparison.Ordinal);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var changes = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Enrolment) && a.EntityKey == key && a.Action == AuditAction.Updated)
            .Select(a => a.Changes).ToListAsync());
        Assert.Contains(changes, c => c!.Contains($"\"Status\":[{(int)EnrolmentStatus.Applied},{(int)EnrolmentStatus.Enrolled}]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_declined_application_counts_for_nothing_and_the_person_can_be_proposed_again()
    {
        var (centre, _) = await AlkariOfferAsync();
        var migrant = await app.MigrantAsync();
        var id = await app.EnrolmentAsync(migrant, centre, EnrolmentStatus.Applied, start: TrainingData.Today);
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var version = await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());
        var declined = await director.SubmitFormAsync("/Enrolments/Applications", form: $"form[action='/Enrolments/Decide/{id}'][data-decision='Decline']");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(EnrolmentStatus.Declined, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        Assert.Contains("Refusée", await director.GetTextAsync($"/Enrolments/Details/{id}"), StringComparison.Ordinal);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Enrolment) && a.EntityKey == key
            && a.Changes!.Contains($"\"Status\":[{(int)EnrolmentStatus.Applied},{(int)EnrolmentStatus.Declined}]"))));

        // A social worker may propose the person again: a declined application is not open.
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        var offer = await app.WithDbAsync(db => db.CentreOffers.Where(o => o.TrainingCentreId == centre && o.AcademicYear == TrainingData.ThisYear).Select(o => o.Id).FirstAsync());
        var again = await social.PostFormAsync($"/Enrolments/Create?migrantId={migrant}&centreId={centre}", new Dictionary<string, string>
        {
            ["MigrantId"] = migrant.ToString(), ["CentreId"] = centre.ToString(), ["AcademicYear"] = TrainingData.ThisYear.ToString(),
            ["OfferId"] = offer.ToString(), ["StartDate"] = TrainingData.Iso(TrainingData.Today),
        }, "/Enrolments/Create");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task A_mismatch_answers_exactly_like_an_unknown_number_and_every_lookup_is_audited()
    {
        // A file of another region, invisible to the Alkari director.
        var name = "Hidden" + Guid.NewGuid().ToString("N")[..6];
        var migrant = await app.MigrantAsync("TTA", familyName: name);
        var number = await app.FileNumberAsync(migrant);
        var unknown = "TTA-T-" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == EnrolmentService.LookupAuditType));

        async Task<(HttpStatusCode, string)> Answer(string fileNumber, string family, int year)
        {
            var response = await FindAsync(director, fileNumber, family, year);
            var body = TokenField().Replace(await response.ReadTextAsync(), "")
                .Replace(fileNumber, "#", StringComparison.Ordinal).Replace(family, "#", StringComparison.Ordinal)
                .Replace($"value=\"{year}\"", "value=\"#\"", StringComparison.Ordinal);
            return (response.StatusCode, body);
        }

        var wrongName = await Answer(number, "Zzyzx", 1996);
        var wrongYear = await Answer(number, name, 1997);
        var unknownNumber = await Answer(unknown, "Zzyzx", 1996);
        Assert.Equal(HttpStatusCode.OK, unknownNumber.Item1);
        Assert.Contains("Aucun dossier ne correspond à ces trois informations", unknownNumber.Item2, StringComparison.Ordinal);
        Assert.Equal(unknownNumber, wrongName);
        Assert.Equal(unknownNumber, wrongYear);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enrolments.CountAsync(e => e.MigrantId == migrant)));
        Assert.Equal(before + 3, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == EnrolmentService.LookupAuditType)));
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/Migrants/Details/{migrant}")).StatusCode);
    }

    [Fact]
    public async Task With_all_three_details_the_director_sees_the_person_to_confirm_and_proposes_at_their_centre()
    {
        var (centre, offer) = await AlkariOfferAsync();
        var name = "Présent" + Guid.NewGuid().ToString("N")[..6];
        var migrant = await app.MigrantAsync("TTA", familyName: name);
        var number = await app.FileNumberAsync(migrant);
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);

        // Case and accents of the family name do not matter; the person is found.
        var found = await FindAsync(director, " " + number + " ", name.ToUpperInvariant().Replace("É", "E", StringComparison.Ordinal), 1996);
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        var formUrl = found.Headers.Location!.OriginalString;
        var form = await director.GetTextAsync(formUrl);
        Assert.Contains(name, form, StringComparison.Ordinal);
        Assert.Contains("Sénégal", form, StringComparison.Ordinal);
        Assert.Contains("Centre d'apprentissage Alkari", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"centreId\"", form, StringComparison.Ordinal);
        var ticket = Regex.Match(form, "name=\"Ticket\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(ticket);

        // Another centre's director cannot use this ticket.
        var other = await SignedInAsync(await app.DirectorOfAsync(await app.CentreInRegionAsync("RSK")));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(formUrl)).StatusCode);

        var proposed = await director.PostFormAsync(formUrl, new Dictionary<string, string>
        {
            ["Ticket"] = ticket, ["CentreId"] = centre.ToString(), ["AcademicYear"] = TrainingData.ThisYear.ToString(),
            ["OfferId"] = offer.ToString(), ["StartDate"] = TrainingData.Iso(TrainingData.Today),
        }, "/Enrolments/Create");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var enrolment = await app.WithDbAsync(db => db.Enrolments.SingleAsync(e => e.MigrantId == migrant));
        Assert.Equal(centre, enrolment.TrainingCentreId);
        Assert.Equal(EnrolmentStatus.Applied, enrolment.Status);
    }

    [Fact]
    public async Task Without_a_person_the_director_is_sent_to_the_lookup_and_the_social_worker_to_the_files()
    {
        var director = await SignedInAsync(DemoAccounts.AlkariDirector);
        var response = await director.GetAsync($"/Enrolments/Create?centreId={(await app.CentreAsync()).Id}");
        Assert.Equal("/Enrolments/Find", response.Headers.Location!.OriginalString);
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        Assert.Equal("/Migrants", (await social.GetAsync("/Enrolments/Create")).Headers.Location!.OriginalString);
    }
}

/// <summary>The hourly limit of look-ups, with a small limit from configuration.</summary>
public sealed class EnrolmentLookupLimitTests(EnrolmentLookupLimitTests.LimitedApp app) : IClassFixture<EnrolmentLookupLimitTests.LimitedApp>
{
    public sealed class LimitedApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Training:LookupsPerHour", "3");
        }
    }

    [Fact]
    public async Task After_the_hourly_limit_even_a_right_lookup_is_refused()
    {
        var migrant = await app.MigrantAsync("TTA", familyName: "Limite");
        var number = await app.FileNumberAsync(migrant);
        var director = app.CreateBrowserLikeClient();
        await director.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        for (var i = 0; i < 3; i++)
        {
            var miss = await director.PostFormAsync("/Enrolments/Find", new Dictionary<string, string>
            {
                ["FileNumber"] = "RSK-T-" + i, ["FamilyName"] = "Essai", ["BirthYear"] = "1990",
            });
            Assert.Contains("Aucun dossier ne correspond", await miss.ReadTextAsync(), StringComparison.Ordinal);
        }
        var right = await director.PostFormAsync("/Enrolments/Find", new Dictionary<string, string>
        {
            ["FileNumber"] = number, ["FamilyName"] = "Limite", ["BirthYear"] = "1996",
        });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Trop de recherches au cours de la dernière heure", await right.ReadTextAsync(), StringComparison.Ordinal);
    }
}
