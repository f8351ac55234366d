using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure;

namespace MigrantAid.Web.Features.Conventions;

/// <summary>
/// Development only: the four conventions of the founding article, with plausible budgets
/// (marked as demo data), indicators and yearly targets; the Alkari enrolments of 2016/2017 and
/// later attributed to the EU convention when the training demo (Order 100) made any.
/// Idempotent: a convention whose reference exists is left as it is.
/// </summary>
public sealed class ConventionDemoData : IDemoDataContributor
{
    public int Order => 200;

    public const string EuReference = "UE-FFU-2017-01";

    private sealed record Demo(string Reference, string Title, string TitleAr, string TitleEn, ConventionTheme Themes, string[] Regions,
        (string Partner, OrganisationRoles Roles)[] Partners, ConventionCurrency Currency, decimal Budget, decimal Share, decimal Rate,
        DateOnly? Signed, DateOnly Start, DateOnly End, ConventionTransition[] Path, DateOnly StatusDate);

    public async Task SeedAsync(AppDbContext db, DemoDataOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var partners = await db.Partners.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        Demo[] demos =
        [
            new(EuReference, "Intégration socio-économique des migrants par la formation professionnelle",
                "الإدماج الاجتماعي والاقتصادي للمهاجرين عبر التكوين المهني", "Socio-economic integration of migrants through vocational training",
                ConventionTheme.VocationalTraining | ConventionTheme.SocialIntegration, ["RSK", "TTA", "CS"],
                [("EU", OrganisationRoles.Funding | OrganisationRoles.Extending)], ConventionCurrency.EUR, 4_500_000m, 500_000m, 10.9m,
                new DateOnly(2017, 12, 14), new DateOnly(2018, 1, 1), new DateOnly(2026, 12, 31),
                [ConventionTransition.StartNegotiation, ConventionTransition.StartFinalising, ConventionTransition.Sign, ConventionTransition.EnterIntoForce],
                new DateOnly(2018, 1, 1)),
            new("UE-AGR-2018-IT", "Activités génératrices de revenus pour les migrants à Rabat et Tanger",
                "أنشطة مدرة للدخل لفائدة المهاجرين بالرباط وطنجة", "Income-generating activities for migrants in Rabat and Tangier",
                ConventionTheme.IncomeGeneratingActivities, ["RSK", "TTA"],
                [("EU", OrganisationRoles.Funding), ("IT-ASSOC", OrganisationRoles.Accountable | OrganisationRoles.Extending)],
                ConventionCurrency.EUR, 1_200_000m, 100_000m, 10.9m,
                new DateOnly(2018, 1, 10), new DateOnly(2018, 2, 1), new DateOnly(2027, 1, 31),
                [ConventionTransition.StartNegotiation, ConventionTransition.StartFinalising, ConventionTransition.Sign, ConventionTransition.EnterIntoForce],
                new DateOnly(2018, 2, 1)),
            new("BE-ENABEL-RC", "Intégration socio-économique des migrants sur l'axe Rabat–Casablanca",
                "الإدماج الاجتماعي والاقتصادي للمهاجرين على محور الرباط–الدار البيضاء", "Socio-economic integration of migrants on the Rabat–Casablanca axis",
                ConventionTheme.VocationalTraining | ConventionTheme.IncomeGeneratingActivities | ConventionTheme.SocialIntegration, ["RSK", "CS"],
                [("ENABEL", OrganisationRoles.Funding | OrganisationRoles.Extending)], ConventionCurrency.EUR, 2_000_000m, 200_000m, 10.9m,
                null, new DateOnly(2027, 1, 1), new DateOnly(2029, 12, 31),
                [ConventionTransition.StartNegotiation, ConventionTransition.StartFinalising], new DateOnly(2026, 10, 1)),
            new("CH-DDC-INT", "Intégration sociale des migrants et renforcement des capacités de l'Entraide nationale",
                "الإدماج الاجتماعي للمهاجرين وتعزيز قدرات التعاون الوطني", "Social integration of migrants and capacity building of Entraide nationale",
                ConventionTheme.SocialIntegration | ConventionTheme.CapacityBuilding | ConventionTheme.HumanitarianAid, ["RSK", "TTA", "ORI"],
                [("DDC", OrganisationRoles.Funding | OrganisationRoles.Extending)], ConventionCurrency.CHF, 1_500_000m, 150_000m, 11.2m,
                null, new DateOnly(2027, 1, 1), new DateOnly(2029, 12, 31),
                [ConventionTransition.StartNegotiation, ConventionTransition.StartFinalising], new DateOnly(2026, 9, 15)),
        ];
        var existing = await db.PartnerConventions.Select(c => c.Reference).ToListAsync(ct);
        foreach (var d in demos.Where(d => !existing.Contains(d.Reference)))
        {
            var c = new PartnerConvention
            {
                Reference = d.Reference, Title = d.Title, TitleAr = d.TitleAr, TitleEn = d.TitleEn, Themes = d.Themes, Currency = d.Currency,
                Budget = d.Budget, AgencyShare = d.Share, ExchangeRateToMad = d.Rate, StartDate = d.Start, EndDate = d.End, IsDemo = true,
                Regions = d.Regions.Where(regions.ContainsKey).Select(r => new ConventionRegion { RegionId = regions[r] }).ToList(),
                Partners = d.Partners.Where(p => partners.ContainsKey(p.Partner)).Select(p => new ConventionPartner { PartnerId = partners[p.Partner], Roles = p.Roles }).ToList(),
            };
            var step = (d.Signed ?? d.StatusDate).AddMonths(-6);
            foreach (var t in d.Path)
            {
                var date = t switch
                {
                    ConventionTransition.Sign => d.Signed!.Value,
                    ConventionTransition.EnterIntoForce => d.StatusDate,
                    _ => step = step.AddMonths(2),
                };
                c.Apply(t, date);
            }
            c.Indicators = Indicators(d).ToList();
            db.PartnerConventions.Add(c);
        }
        await db.SaveChangesAsync(ct);
        await AttributeAlkariAsync(db, ct);
    }

    private static IEnumerable<ConventionIndicator> Indicators(Demo d)
    {
        var years = Enumerable.Range(d.Start.Year, d.End.Year - d.Start.Year + 1).ToList();
        ConventionIndicator I(string code, IndicatorKind kind, string fr, string ar, string en, string unit, int perYear) => new()
        {
            Code = code, Kind = (int)kind, TitleFr = fr, TitleAr = ar, TitleEn = en, Unit = unit, Baseline = 0, BaselineYear = d.Start.Year - 1,
            Targets = years.Select(y => new IndicatorTarget { Year = y, Value = perYear }).ToList(),
        };
        if (d.Themes.HasFlag(ConventionTheme.VocationalTraining))
        {
            yield return I("FP-1", IndicatorKind.PeopleEnrolled, "Migrants inscrits en formation professionnelle", "المهاجرون المسجلون في التكوين المهني", "Migrants enrolled in vocational training", "personnes", 60);
            yield return I("FP-2", IndicatorKind.PeopleCertified, "Migrants diplômés", "المهاجرون الحاصلون على دبلوم", "Migrants certified", "personnes", 35);
            yield return I("FP-3", IndicatorKind.PeopleEmployedAfterSixMonths, "Migrants en emploi ou à leur compte 6 mois après", "المهاجرون العاملون بعد 6 أشهر", "Migrants employed or self-employed 6 months after", "personnes", 20);
            yield return I("FP-4", IndicatorKind.Dropouts, "Abandons de formation", "حالات الانقطاع عن التكوين", "Training dropouts", "personnes", 10);
        }
        if (d.Themes.HasFlag(ConventionTheme.SocialIntegration))
        {
            yield return I("IS-1", IndicatorKind.NewRegistrations, "Nouveaux migrants accompagnés", "المهاجرون الجدد المتكفل بهم", "New migrants supported", "personnes", 100);
        }
        if (d.Themes.HasFlag(ConventionTheme.IncomeGeneratingActivities))
        {
            yield return I("AGR-1", IndicatorKind.ActivitiesFunded, "Activités génératrices de revenus financées", "الأنشطة المدرة للدخل الممولة", "Income-generating activities funded", "activités", 40);
            yield return I("AGR-2", IndicatorKind.ActivitiesOperatingAtTwelveMonths, "AGR en activité à 12 mois", "الأنشطة المستمرة بعد 12 شهرا", "IGAs operating at 12 months", "activités", 25);
        }
        if (d.Themes.HasFlag(ConventionTheme.HumanitarianAid))
        {
            yield return I("AH-1", IndicatorKind.AidRecipients, "Bénéficiaires d'aide humanitaire", "المستفيدون من المساعدات الإنسانية", "Humanitarian aid recipients", "personnes", 500);
        }
    }

    /// <summary>The Alkari enrolments of 2016/2017 and later go to the EU convention, when the training demo made any.</summary>
    private static async Task AttributeAlkariAsync(AppDbContext db, CancellationToken ct)
    {
        var eu = await db.PartnerConventions.Where(c => c.Reference == EuReference).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        var alkari = await db.TrainingCentres.Where(c => c.Code == DemoDataSeeder.AlkariCode).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        if (eu is null || alkari is null)
        {
            return;
        }
        var enrolments = await db.Enrolments.Where(e => e.TrainingCentreId == alkari && e.AcademicYear >= 2016
                && !db.ConventionAttributions.Any(a => a.PartnerConventionId == eu && a.RecordKind == AttributedRecordKind.Enrolment && a.RecordId == e.Id))
            .Select(e => e.Id).ToListAsync(ct);
        db.ConventionAttributions.AddRange(enrolments.Select(id => new ConventionAttribution
        {
            PartnerConventionId = eu.Value, RecordKind = AttributedRecordKind.Enrolment, RecordId = id,
        }));
        await db.SaveChangesAsync(ct);
    }
}
