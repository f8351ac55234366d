using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Features.Conventions;

namespace MigrantAid.Tests.Features.Conventions;

public sealed class ConventionTests(ConventionsFixture app) : IClassFixture<ConventionsFixture>
{
    private static readonly ReportPeriod Y2018 = new(2018, null);

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private Task<IndicatorActual> ActualAsync(IndicatorKind kind, int convention, ReportPeriod period, bool suppress = false) =>
        app.WithServiceAsync<IndicatorCalculator, IndicatorActual>(c =>
            c.ComputeAsync(kind, [convention], period, PartnerConvention.DefaultAgeBands, suppress, CancellationToken.None));

    [Fact]
    public async Task Each_indicator_kind_counts_the_known_dataset_a_person_once_per_period()
    {
        var d = await app.DatasetAsync();
        // P1 has two enrolments in 2018 but is one person; P4 started in 2017.
        Assert.Equal(3, (await ActualAsync(IndicatorKind.PeopleEnrolled, d.A, Y2018)).Total);
        Assert.Equal(1, (await ActualAsync(IndicatorKind.Dropouts, d.A, Y2018)).Total);
        Assert.Equal(1, (await ActualAsync(IndicatorKind.PeopleCompleted, d.A, Y2018)).Total);
        Assert.Equal(1, (await ActualAsync(IndicatorKind.PeopleCertified, d.A, Y2018)).Total);
        Assert.Equal(1, (await ActualAsync(IndicatorKind.PeopleEmployedAfterSixMonths, d.A, Y2018)).Total);
        Assert.Equal(1, (await ActualAsync(IndicatorKind.PeopleEnrolled, d.A, new ReportPeriod(2017, null))).Total);
        Assert.Equal(0, (await ActualAsync(IndicatorKind.Dropouts, d.A, new ReportPeriod(2018, 3))).Total);
        Assert.Equal(1, (await ActualAsync(IndicatorKind.Dropouts, d.A, new ReportPeriod(2018, 2))).Total);
        Assert.Equal(4, (await ActualAsync(IndicatorKind.NewRegistrations, d.A, new ReportPeriod(d.RegistrationYear, null))).Total);
        // Convention B counts only its own attributed person.
        Assert.Equal(1, (await ActualAsync(IndicatorKind.PeopleEnrolled, d.B, Y2018)).Total);
        Assert.Equal(0, (await ActualAsync(IndicatorKind.Dropouts, d.B, Y2018)).Total);
    }

    [Fact]
    public async Task Actuals_are_disaggregated_by_sex_age_band_nationality_and_region()
    {
        var d = await app.DatasetAsync();
        var enrolled = await ActualAsync(IndicatorKind.PeopleEnrolled, d.A, Y2018);
        int Cell(string dimension, string key) => enrolled.By(dimension)!.Cells.Single(c => c.Key == key).Value;
        Assert.Equal(1, Cell(Dimensions.Sex, "F"));
        Assert.Equal(2, Cell(Dimensions.Sex, "M"));
        Assert.Equal(1, Cell(Dimensions.Age, "0-17"));   // born 2001: 17 at the end of 2018
        Assert.Equal(2, Cell(Dimensions.Age, "25-34"));
        Assert.Equal(0, Cell(Dimensions.Age, "18-24"));
        Assert.Equal(1, Cell(Dimensions.Nationality, "SN"));
        Assert.Equal(1, Cell(Dimensions.Nationality, "CI"));
        Assert.Equal(3, Cell(Dimensions.Region, "RSK"));
    }

    [Fact]
    public async Task The_national_view_counts_distinct_people_and_the_overlap_between_conventions()
    {
        var d = await app.DatasetAsync();
        var overlap = await app.WithServiceAsync<IndicatorCalculator, Overlap>(c =>
            c.OverlapAsync(IndicatorKind.PeopleEnrolled, [d.A, d.B, d.C], Y2018, CancellationToken.None));
        Assert.Equal(3, overlap.PerConvention[d.A]);
        Assert.Equal(1, overlap.PerConvention[d.B]);
        Assert.Equal(4, overlap.SumOfConventions);
        Assert.Equal(3, overlap.DistinctPeople);
        Assert.Equal(1, overlap.Pairs[(Math.Min(d.A, d.B), Math.Max(d.A, d.B))]);

        var client = await SignedInAsync(DemoAccounts.National);
        Assert.Contains("Conventions à surveiller", await client.GetTextAsync("/"), StringComparison.Ordinal);
        var page = await client.GetTextAsync("/Conventions/Overview?year=2018&kind=PeopleEnrolled");
        Assert.Contains("TEST-CONV-A", page, StringComparison.Ordinal);
        Assert.Contains("TEST-CONV-B", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_cells_show_as_under_five_for_partners_in_the_page_and_in_every_export()
    {
        var d = await app.DatasetAsync();
        var partner = await SignedInAsync(DemoAccounts.PartnerEu);
        var page = await partner.GetTextAsync($"/Conventions/Report/{d.A}?period=2018");
        Assert.Contains("< 5", page, StringComparison.Ordinal);
        var table = new HtmlParser().ParseDocument(page).QuerySelector("table.indicator-table")!;
        Assert.DoesNotContain(table.QuerySelectorAll("td.fw-semibold"), td => td.TextContent.Trim() is "1" or "2" or "3" or "4");
        var csv = await partner.GetStringAsync($"/Conventions/Report/{d.A}?period=2018&format=csv");
        Assert.Contains("< 5", csv, StringComparison.Ordinal);
        Assert.DoesNotMatch(@",[1-4],", csv);

        // The agency's staff read the counts.
        var staff = await SignedInAsync(DemoAccounts.RabatManager);
        var staffTable = new HtmlParser().ParseDocument(await staff.GetTextAsync($"/Conventions/Report/{d.A}?period=2018")).QuerySelector("table.indicator-table")!;
        Assert.Contains(staffTable.QuerySelectorAll("td.fw-semibold"), td => td.TextContent.Trim() == "3");
    }

    [Fact]
    public void Suppression_hides_a_second_cell_when_one_alone_could_be_worked_out_from_the_total()
    {
        var cells = SmallCells.Suppress([new Cell("F", "F", 12), new Cell("M", "M", 3), new Cell("x", "x", 0)]);
        Assert.True(cells.Single(c => c.Key == "M").Suppressed);
        Assert.True(cells.Single(c => c.Key == "F").Suppressed);
        Assert.False(cells.Single(c => c.Key == "x").Suppressed);
        Assert.Equal("< 5", cells[1].Display());
        var many = SmallCells.Suppress([new Cell("a", "a", 12), new Cell("b", "b", 9), new Cell("c", "c", 2), new Cell("d", "d", 1)]);
        Assert.Equal(["c", "d"], many.Where(c => c.Suppressed).Select(c => c.Key));
    }

    [Fact]
    public async Task The_EU_partner_sees_the_EU_conventions_from_the_first_start_and_gets_404_on_another_partners()
    {
        var d = await app.DatasetAsync();
        var partner = await SignedInAsync(DemoAccounts.PartnerEu);
        var list = await partner.GetTextAsync("/Conventions");
        Assert.Contains(ConventionsFixture.DemoEuReference, list, StringComparison.Ordinal);
        Assert.Contains("TEST-CONV-A", list, StringComparison.Ordinal);
        Assert.DoesNotContain("TEST-CONV-B", list, StringComparison.Ordinal);
        Assert.DoesNotContain("BE-ENABEL-RC", list, StringComparison.Ordinal);
        var home = await partner.GetTextAsync("/");
        Assert.Contains(ConventionsFixture.DemoEuReference, home, StringComparison.Ordinal);

        foreach (var url in new[] { $"/Conventions/Details/{d.B}", $"/Conventions/Report/{d.B}?period=2018", $"/Conventions/Report/{d.B}?period=2018&format=csv",
                     $"/Conventions/Report/{d.B}?period=2018&format=xml", $"/Conventions/Report/{d.B}?period=2018&format=xlsx" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(url)).StatusCode);
        }
        // Managing pages are not for partners at all.
        Assert.NotEqual(HttpStatusCode.OK, (await partner.GetAsync($"/Conventions/Edit/{d.A}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await partner.GetAsync("/Conventions/Overview")).StatusCode);
    }

    [Fact]
    public async Task A_regional_manager_reads_the_conventions_covering_their_region_only()
    {
        var d = await app.DatasetAsync();
        var rabat = await SignedInAsync(DemoAccounts.RabatManager);
        Assert.Equal(HttpStatusCode.OK, (await rabat.GetAsync($"/Conventions/Details/{d.B}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rabat.GetAsync($"/Conventions/Details/{d.C}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rabat.GetAsync($"/Conventions/Attribute/{d.C}")).StatusCode);
        var national = await SignedInAsync(DemoAccounts.National);
        Assert.Equal(HttpStatusCode.OK, (await national.GetAsync($"/Conventions/Details/{d.C}")).StatusCode);
        // A social worker has no convention page.
        var social = await SignedInAsync(DemoAccounts.RabatSocial);
        Assert.NotEqual(HttpStatusCode.OK, (await social.GetAsync($"/Conventions/Details/{d.B}")).StatusCode);
    }

    [Fact]
    public async Task A_national_manager_creates_a_convention_through_the_form_and_the_change_is_audited()
    {
        var client = await SignedInAsync(DemoAccounts.National);
        var (eu, rsk, cs) = await app.WithDbAsync(async db => (
            await db.Partners.Where(p => p.Code == "EU").Select(p => p.Id).SingleAsync(),
            await db.Regions.Where(r => r.Code == "RSK").Select(r => r.Id).SingleAsync(),
            await db.Regions.Where(r => r.Code == "CS").Select(r => r.Id).SingleAsync()));
        var fields = new Dictionary<string, string>
        {
            ["Reference"] = "NEW-2026-01", ["Title"] = "Nouvelle convention", ["Currency"] = "MAD", ["Budget"] = "1000000", ["AgencyShare"] = "2000000",
            ["RegionIds"] = rsk.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Partners[0].PartnerId"] = eu.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Partners[0].Roles"] = "Funding", ["Themes"] = "HumanitarianAid", ["AgeBands"] = "0,18,60",
        };
        var refused = await client.PostFormAsync("/Conventions/Create", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("dépasse le budget", await refused.ReadTextAsync(), StringComparison.Ordinal);

        fields["AgencyShare"] = "100000";
        var content = new List<KeyValuePair<string, string>>(fields) { new("RegionIds", cs.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Partners[0].Roles", "Accountable") };
        var page = await client.GetStringAsync("/Conventions/Create");
        content.Add(new("__RequestVerificationToken", HtmlForms.OwnTokenOf(page, "form[method=post][action$='/Conventions/Create']")));
        var created = await client.PostAsync("/Conventions/Create", new FormUrlEncodedContent(content));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var saved = await app.WithDbAsync(db => db.PartnerConventions.Include(c => c.Partners).Include(c => c.Regions).SingleAsync(c => c.Reference == "NEW-2026-01"));
        Assert.Equal(2, saved.Regions.Count);
        Assert.Equal(OrganisationRoles.Funding | OrganisationRoles.Accountable, saved.Partners.Single().Roles);
        Assert.Equal(ConventionStatus.Identified, saved.Status);
        Assert.Equal(1m, saved.ExchangeRateToMad);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PartnerConvention) && a.EntityKey == saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // The life cycle goes through the page; a step it does not allow is refused with a message.
        var details = $"/Conventions/Details/{saved.Id}";
        // Signing is not offered from Identified: sent anyway as the developer tools would.
        var refusedStep = await (await client.GetFormAsync(details, "form[data-transition='StartNegotiation']"))
            .SubmitTamperedAsync(new Dictionary<string, string> { ["transition"] = "Sign", ["date"] = "2026-11-01" });
        Assert.Equal(HttpStatusCode.Redirect, refusedStep.StatusCode);
        Assert.Contains("n'est pas permis", await client.GetTextAsync(details), StringComparison.Ordinal);
        var step = await client.SubmitFormAsync(details, new Dictionary<string, string> { ["date"] = "2026-11-01" }, "form[data-transition='StartNegotiation']");
        Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
        Assert.Equal(ConventionStatus.InNegotiation, await app.WithDbAsync(db => db.PartnerConventions.Where(c => c.Id == saved.Id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Enrolments_are_attributed_on_their_page_and_in_bulk_on_the_convention_page()
    {
        var d = await app.DatasetAsync();
        var manager = await SignedInAsync(DemoAccounts.RabatManager);
        var enrolment = d.EnrolmentsOfA[0];
        var page = await manager.GetTextAsync($"/Enrolments/Details/{enrolment}");
        var form = new HtmlParser().ParseDocument(page).QuerySelector($"form[action$='/Attribution/Enrolment/{enrolment}']");
        Assert.NotNull(form);
        var response = await manager.PostFormAsync($"/Enrolments/Details/{enrolment}", new Dictionary<string, string>
        {
            ["conventionIds"] = d.B.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, $"/Attribution/Enrolment/{enrolment}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var now = await app.WithDbAsync(db => db.ConventionAttributions.Where(a => a.RecordKind == AttributedRecordKind.Enrolment && a.RecordId == enrolment)
            .Select(a => a.PartnerConventionId).ToListAsync());
        Assert.Equal([d.B], now);

        // Bulk: every Alkari enrolment of 2018/2019 (P1's second) back to A and on to B.
        var url = $"/Conventions/Attribute/{d.B}?CentreCode={ConventionsFixture.Alkari}&AcademicYear=2018";
        Assert.Contains("1 inscription(s) correspondent", await manager.GetTextAsync(url), StringComparison.Ordinal);
        var bulk = await manager.PostFormAsync(url, new Dictionary<string, string> { ["CentreCode"] = ConventionsFixture.Alkari, ["AcademicYear"] = "2018" }, $"/Conventions/Attribute/{d.B}");
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.ConventionAttributions.AnyAsync(a => a.PartnerConventionId == d.B && a.RecordId == d.EnrolmentsOfA[1])));
        // B now counts P1 and P2 in 2018 — once each.
        Assert.Equal(2, (await ActualAsync(IndicatorKind.PeopleEnrolled, d.B, Y2018)).Total);

        // Put the dataset back as it was for the other tests.
        await app.WithDbAsync(async db =>
        {
            db.ConventionAttributions.RemoveRange(db.ConventionAttributions.Where(a => a.PartnerConventionId == d.B && (a.RecordId == enrolment || a.RecordId == d.EnrolmentsOfA[1])));
            db.ConventionAttributions.Add(new ConventionAttribution { PartnerConventionId = d.A, RecordKind = AttributedRecordKind.Enrolment, RecordId = enrolment });
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task The_csv_carries_an_HXL_hashtag_row_under_its_header()
    {
        var d = await app.DatasetAsync();
        var client = await SignedInAsync(DemoAccounts.RabatManager);
        var response = await client.GetAsync($"/Conventions/Report/{d.A}?period=2018&format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines2 = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("indicator_code,", lines2[0], StringComparison.Ordinal);
        Assert.Equal("#indicator+code,#indicator+name,#indicator+unit,#date+period,#adm1+name,#adm1+code,#indicator+baseline,#targeted,#reached,#reached+f,#reached+m", lines2[1]);
        Assert.Contains(lines2, l => l.StartsWith("K2,", StringComparison.Ordinal) && l.Contains(",2018,,,0,10,3,1,2", StringComparison.Ordinal));

        var xlsx = await client.GetAsync($"/Conventions/Report/{d.A}?period=2018&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
    }

    [Fact]
    public async Task The_IATI_activity_file_is_well_formed_and_valid_against_the_203_schema()
    {
        var d = await app.DatasetAsync();
        var client = await SignedInAsync(DemoAccounts.RabatManager);
        foreach (var id in new[] { d.A, await app.WithDbAsync(db => db.PartnerConventions.Where(c => c.Reference == ConventionsFixture.DemoEuReference).Select(c => c.Id).SingleAsync()) })
        {
            var xml = await client.GetStringAsync($"/Conventions/Report/{id}?period=2018&format=xml");
            var doc = XDocument.Parse(xml);   // well-formed, or this throws
            var activity = doc.Root!.Element("iati-activity")!;
            Assert.Equal("2.03", doc.Root.Attribute("version")!.Value);
            Assert.StartsWith("MA-EN-", activity.Element("iati-identifier")!.Value, StringComparison.Ordinal);
            // Titles in the languages the convention has (the demo EU convention has all three).
            Assert.Equal(id == d.A ? 1 : 3, activity.Element("title")!.Elements("narrative").Count());
            Assert.Contains(activity.Elements("participating-org"), o => o.Attribute("role")!.Value == "1");
            Assert.Contains(activity.Elements("participating-org"), o => o.Attribute("role")!.Value == "4" && o.Attribute("ref")!.Value == "MA-EN");
            Assert.Equal("MA", activity.Element("recipient-country")!.Attribute("code")!.Value);
            var indicator = activity.Element("result")!.Elements("indicator").First();
            Assert.NotNull(indicator.Element("baseline"));
            Assert.NotNull(indicator.Element("period")!.Element("target"));
            if (id == d.A)
            {
                Assert.Contains(activity.Descendants("dimension"), x => x.Attribute("name")!.Value == "sex" && x.Attribute("value")!.Value == "M");
                Assert.Contains(activity.Descendants("dimension"), x => x.Attribute("name")!.Value == "age");
            }
            var errors = IatiSchema.Validate(xml);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        // The validation is real: a file without its identifier is refused.
        var broken = XDocument.Parse(await client.GetStringAsync($"/Conventions/Report/{d.A}?period=2018&format=xml"));
        broken.Root!.Element("iati-activity")!.Element("iati-identifier")!.Remove();
        Assert.NotEmpty(IatiSchema.Validate(broken.ToString()));
    }

    [Fact]
    public async Task A_closed_period_is_frozen_into_a_report_version_that_keeps_what_was_sent()
    {
        var d = await app.DatasetAsync();
        var national = await SignedInAsync(DemoAccounts.National);
        var report = $"/Conventions/Report/{d.B}?period=2018";
        var frozen = await national.PostFormAsync(report, new Dictionary<string, string> { ["period"] = "2018" }, $"/Conventions/Freeze/{d.B}");
        Assert.Equal(HttpStatusCode.Redirect, frozen.StatusCode);
        var version = await app.WithDbAsync(db => db.ReportVersions.SingleAsync(v => v.PartnerConventionId == d.B && v.Period == "2018"));
        Assert.Equal(DemoAccounts.National, version.FrozenBy);
        Assert.Equal(1, version.Number);

        // A record attributed afterwards changes the live figures, not the version sent.
        await app.WithDbAsync(async db =>
        {
            db.ConventionAttributions.Add(new ConventionAttribution { PartnerConventionId = d.B, RecordKind = AttributedRecordKind.Enrolment, RecordId = d.EnrolmentsOfA[3] });
            await db.SaveChangesAsync();
        });
        var page = await national.GetTextAsync(report);
        Assert.Contains("Version 1", page, StringComparison.Ordinal);
        var staffTable = new HtmlParser().ParseDocument(page).QuerySelector("table.indicator-table")!;
        var enrolledRow = staffTable.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("K2", StringComparison.Ordinal));
        Assert.Equal("1", enrolledRow.QuerySelector("td.fw-semibold")!.TextContent.Trim());
        Assert.Equal(2, (await ActualAsync(IndicatorKind.PeopleEnrolled, d.B, Y2018)).Total);
        await app.WithDbAsync(async db =>
        {
            db.ConventionAttributions.RemoveRange(db.ConventionAttributions.Where(a => a.PartnerConventionId == d.B && a.RecordId == d.EnrolmentsOfA[3]));
            await db.SaveChangesAsync();
        });

        // The current year has not ended: it cannot be frozen.
        var open = await national.PostFormAsync(report, new Dictionary<string, string> { ["period"] = MigrantAid.Tests.Infrastructure.TestClock.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/Conventions/Freeze/{d.B}");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ReportVersions.AnyAsync(v => v.PartnerConventionId == d.B && v.Period != "2018")));
    }
}

/// <summary>
/// The IATI 2.03 activity schema (iati-activities-schema.xsd, iati-common.xsd, xml.xsd), copied
/// from the public repository IATI/IATI-Schemas, branch version-2.03 (see IatiSchemas/SOURCE.md),
/// and copied beside the test assembly by the project file.
/// </summary>
public static class IatiSchema
{
    public static string Folder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Features", "Conventions", "IatiSchemas");
        Assert.True(File.Exists(Path.Combine(folder, "iati-activities-schema.xsd")), $"The IATI schema files are missing from {folder}.");
        return folder;
    }

    public static IReadOnlyList<string> Validate(string xml)
    {
        var folder = Folder();
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        using (var reader = XmlReader.Create(Path.Combine(folder, "iati-activities-schema.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = new XmlUrlResolver() }))
        {
            schemas.Add(null, reader);
        }
        schemas.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var validating = XmlReader.Create(new StringReader(xml), settings);
        while (validating.Read())
        {
        }
        return errors;
    }
}
