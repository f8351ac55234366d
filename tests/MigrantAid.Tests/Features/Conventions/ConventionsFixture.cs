using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Conventions;

/// <summary>
/// A small known dataset, arranged once per test class: convention A (with the EU as funder,
/// so the demo partner account reads it) and convention B, both in Rabat-Salé-Kénitra;
/// four people at the Alkari centre in 2018 —
/// P1 with two enrolments in A; P2 attributed to A and B; P3 who dropped out (A); P4 who
/// completed, was certified and is employed six months after (A, started 2017) — and a
/// convention C of L'Oriental only, which a Rabat manager may not read.
/// </summary>
public sealed class ConventionsFixture : AppFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Dataset? dataset;

    public sealed record Person(int Id, string FamilyName, string GivenName, string FileNumber, string Phone, string Document);

    public sealed record Dataset(int A, int B, int C, IReadOnlyList<Person> People, IReadOnlyList<int> EnrolmentsOfA, int RegistrationYear);

    public async Task<Dataset> DatasetAsync()
    {
        await gate.WaitAsync();
        try
        {
            return dataset ??= await ArrangeAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Dataset> ArrangeAsync()
    {
        var (a, b, c) = await WithDbAsync(async db =>
        {
            var eu = await db.Partners.Where(p => p.Code == "EU").Select(p => p.Id).SingleAsync();
            var be = await db.Partners.Where(p => p.Code == "ENABEL").Select(p => p.Id).SingleAsync();
            var rsk = await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync();
            var ori = await db.Regions.Where(r => r.Code == "ORI").Select(r => r.Id).SingleAsync();
            PartnerConvention New(string reference, int partner, int region)
            {
                var convention = new PartnerConvention
                {
                    Reference = reference, Title = "Convention de test " + reference, Themes = ConventionTheme.VocationalTraining,
                    Currency = ConventionCurrency.EUR, Budget = 100_000, AgencyShare = 10_000, ExchangeRateToMad = 10.9m,
                    StartDate = new DateOnly(2018, 1, 1), EndDate = new DateOnly(2019, 12, 31),
                    Partners = [new ConventionPartner { PartnerId = partner, Roles = OrganisationRoles.Funding | OrganisationRoles.Extending }],
                    Regions = [new ConventionRegion { RegionId = region }],
                };
                convention.Apply(ConventionTransition.StartNegotiation, new DateOnly(2017, 6, 1));
                convention.Apply(ConventionTransition.StartFinalising, new DateOnly(2017, 9, 1));
                convention.Apply(ConventionTransition.Sign, new DateOnly(2017, 12, 14));
                convention.Apply(ConventionTransition.EnterIntoForce, new DateOnly(2018, 1, 1));
                foreach (var kind in new[] { IndicatorKind.PeopleEnrolled, IndicatorKind.PeopleCompleted, IndicatorKind.PeopleCertified,
                             IndicatorKind.PeopleEmployedAfterSixMonths, IndicatorKind.Dropouts, IndicatorKind.NewRegistrations })
                {
                    convention.Indicators.Add(new ConventionIndicator
                    {
                        Code = "K" + (int)kind, Kind = (int)kind, TitleFr = "Indicateur " + kind, TitleAr = "مؤشر " + (int)kind, TitleEn = "Indicator " + kind,
                        Unit = "personnes", BaselineYear = 2017, Targets = [new IndicatorTarget { Year = 2018, Value = 10 }],
                    });
                }
                db.PartnerConventions.Add(convention);
                return convention;
            }
            var ca = New("TEST-CONV-A", eu, rsk);
            var cb = New("TEST-CONV-B", be, rsk);
            var cc = New("TEST-CONV-C", be, ori);
            await db.SaveChangesAsync();
            return (ca.Id, cb.Id, cc.Id);
        });

        var alkari = await this.CentreAsync();
        var people = new List<Person>();
        async Task<int> Person(string family, Sex sex, int birthYear, string nationality)
        {
            var phone = "+212 611 22" + (people.Count + 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + " 99";
            var document = "CRAWLDOC" + (people.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var id = await this.MigrantAsync("RSK", family, m =>
            {
                m.GivenName = "Crawlgiven" + family;
                m.Sex = sex;
                m.BirthYear = birthYear;
                m.Phone = phone;
                m.ResidenceCardNumber = document;
            });
            await WithDbAsync(async db =>
            {
                var m = await db.Migrants.SingleAsync(x => x.Id == id);
                m.NationalityId = await db.Countries.Where(x => x.Code == nationality).Select(x => x.Id).SingleAsync();
                await db.SaveChangesAsync();
            });
            people.Add(new Person(id, family, "Crawlgiven" + family, await this.FileNumberAsync(id), phone, document));
            return id;
        }
        var p1 = await Person("Crawlfamilyone", Sex.Female, 1990, "SN");
        var p2 = await Person("Crawlfamilytwo", Sex.Male, 2001, "CI");
        var p3 = await Person("Crawlfamilythree", Sex.Male, 1985, "CM");
        var p4 = await Person("Crawlfamilyfour", Sex.Female, 1998, "SN");

        var e1 = await this.EnrolmentAsync(p1, alkari.Id, EnrolmentStatus.Active, start: new DateOnly(2018, 1, 15));
        var e2 = await this.EnrolmentAsync(p1, alkari.Id, EnrolmentStatus.Active, start: new DateOnly(2018, 9, 10));
        var e3 = await this.EnrolmentAsync(p2, alkari.Id, EnrolmentStatus.Active, start: new DateOnly(2018, 2, 1));
        var e4 = await this.EnrolmentAsync(p3, alkari.Id, EnrolmentStatus.Active, start: new DateOnly(2018, 1, 10),
            after: e => e.DropOut(new DateOnly(2018, 5, 1), DropoutReason.NeedsIncomeInformalWork, "CRAWLNOTE besoin de revenus"));
        var e5 = await this.EnrolmentAsync(p4, alkari.Id, EnrolmentStatus.Active, start: new DateOnly(2017, 1, 5), after: e =>
        {
            e.Complete(new DateOnly(2018, 1, 31));
            e.Certify("CRAWLDIPLOMA-77", new DateOnly(2018, 2, 15));
            e.RecordOutcome(TrainingOutcome.EmployedByHost, new DateOnly(2018, 8, 15));
        });
        var enrolmentsOfA = new[] { e1, e2, e3, e4, e5 };
        await WithDbAsync(async db =>
        {
            db.ConventionAttributions.AddRange(enrolmentsOfA.Select(e => new ConventionAttribution { PartnerConventionId = a, RecordKind = AttributedRecordKind.Enrolment, RecordId = e }));
            db.ConventionAttributions.Add(new ConventionAttribution { PartnerConventionId = b, RecordKind = AttributedRecordKind.Enrolment, RecordId = e3 });
            await db.SaveChangesAsync();
        });
        var registered = await WithDbAsync(db => db.Migrants.Where(m => m.Id == p1).Select(m => m.CreatedAt).SingleAsync());
        return new Dataset(a, b, c, people, enrolmentsOfA, registered.UtcDateTime.Year);
    }

    /// <summary>A service of the app in the system scope (reporting outside a request).</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().EnterSystemScope("test: compute indicators");
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static string DemoEuReference => ConventionDemoData.EuReference;
    public static string Alkari => DemoDataSeeder.AlkariCode;
}
