using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Enrolments;

public sealed class AttendanceGridTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateOnly Due = TrainingData.Today.AddMonths(-1);

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(email);
        return client;
    }

    private static int LineOf(string page, int enrolmentId)
    {
        var match = Regex.Match(page, $"name=\"Lines\\[(\\d+)\\].EnrolmentId\" value=\"{enrolmentId}\"");
        Assert.True(match.Success, $"enrolment {enrolmentId} is not on the grid");
        return int.Parse(match.Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string gridUrl, int centreId, params (int Enrolment, int CE, int CP, int HE, int HP)[] lines) =>
        await PostGridAsync(await client.GetFormAsync(gridUrl, "/Attendance"), centreId, lines);

    /// <summary>
    /// Fills the grid's lines for the given apprentices; the grid's other lines are posted as they
    /// are, as a browser does. A line the grid does not show (another centre's apprentice) can
    /// only be a forged extra line, added as in the browser's developer tools.
    /// </summary>
    private static async Task<HttpResponseMessage> PostGridAsync(WebForm grid, int centreId, params (int Enrolment, int CE, int CP, int HE, int HP)[] lines)
    {
        var shown = grid.Element.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Select(i => Regex.Match(i.Name ?? "", @"^Lines\[(\d+)\]\.EnrolmentId$") is { Success: true } m ? (Line: int.Parse(m.Groups[1].Value), Enrolment: i.Value) : default)
            .Where(x => x.Enrolment is not null)
            .ToDictionary(x => x.Enrolment!, x => x.Line);
        Assert.Equal(centreId.ToString(), grid.Element.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.Name == "CentreId").Value);
        var fields = new Dictionary<string, string>();
        var extra = shown.Count;
        var forged = false;
        foreach (var (enrolment, ce, cp, he, hp) in lines)
        {
            if (!shown.TryGetValue(enrolment.ToString(), out var i))
            {
                i = extra++;
                forged = true;
                fields[$"Lines[{i}].EnrolmentId"] = enrolment.ToString();
            }
            fields[$"Lines[{i}].CentreDaysExpected"] = ce.ToString();
            fields[$"Lines[{i}].CentreDaysPresent"] = cp.ToString();
            fields[$"Lines[{i}].HostDaysExpected"] = he.ToString();
            fields[$"Lines[{i}].HostDaysPresent"] = hp.ToString();
        }
        return forged ? await grid.SubmitTamperedAsync(fields) : await grid.SubmitAsync(fields);
    }

    [Fact]
    public async Task The_director_enters_the_whole_month_on_one_grid_and_saves_once()
    {
        var alkari = await app.CentreAsync();
        var first = await app.MigrantAsync(familyName: "Kouassi");
        var second = await app.MigrantAsync(familyName: "Traoré");
        var a = await app.EnrolmentAsync(first, alkari.Id);
        var b = await app.EnrolmentAsync(second, alkari.Id);
        var elsewhere = await app.EnrolmentAsync(await app.MigrantAsync(familyName: "Mbappé"), (await app.CentreInRegionAsync("RSK")).Id);
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);

        var grid = await client.GetTextAsync("/Attendance");
        Assert.Contains("Kouassi", grid, StringComparison.Ordinal);
        Assert.Contains("Traoré", grid, StringComparison.Ordinal);
        Assert.DoesNotContain("Mbappé", grid, StringComparison.Ordinal);
        Assert.Contains("type=\"number\"", grid, StringComparison.Ordinal);
        Assert.Contains("class=\"visually-hidden\">Jours présents au centre — Kouassi", grid, StringComparison.Ordinal);

        var response = await SaveAsync(client, "/Attendance", alkari.Id, (a, 4, 4, 18, 17), (b, 4, 1, 18, 9), (elsewhere, 4, 4, 18, 18));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.MonthlyAttendance.AsNoTracking().Where(m => m.Year == Due.Year && m.Month == Due.Month).ToListAsync());
        Assert.Equal(21, saved.Single(m => m.EnrolmentId == a).CentreDaysPresent + saved.Single(m => m.EnrolmentId == a).HostDaysPresent);
        Assert.Equal(9, saved.Single(m => m.EnrolmentId == b).HostDaysPresent);
        Assert.DoesNotContain(saved, m => m.EnrolmentId == elsewhere);

        var again = await client.GetTextAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("L'assiduité du mois est enregistrée", again, StringComparison.Ordinal);
        var i = LineOf(again, b);
        Assert.Matches($"name=\"Lines\\[{i}\\].HostDaysPresent\"[^>]*value=\"9\"", again);

        // Saving again corrects the month rather than adding a second one.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, "/Attendance", alkari.Id, (b, 4, 2, 18, 12))).StatusCode);
        var corrected = await app.WithDbAsync(db => db.MonthlyAttendance.AsNoTracking().Where(m => m.EnrolmentId == b).ToListAsync());
        Assert.Equal(12, Assert.Single(corrected).HostDaysPresent);
    }

    [Fact]
    public async Task An_impossible_line_rejects_the_whole_grid_with_a_message_next_to_the_cell()
    {
        var alkari = await app.CentreAsync();
        var a = await app.EnrolmentAsync(await app.MigrantAsync(), alkari.Id);
        var b = await app.EnrolmentAsync(await app.MigrantAsync(), alkari.Id);
        var client = await SignedInAsync(DemoAccounts.AlkariDirector);
        var response = await SaveAsync(client, "/Attendance", alkari.Id, (a, 4, 4, 18, 18), (b, 4, 6, 18, 18));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.ReadTextAsync();
        Assert.Contains("Les jours présents ne peuvent dépasser les jours prévus", text, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.MonthlyAttendance.AnyAsync(m => m.EnrolmentId == a || m.EnrolmentId == b)));
    }

    [Fact]
    public async Task A_grid_opened_before_someone_else_saved_the_month_does_not_overwrite_it()
    {
        var alkari = await app.CentreAsync();
        var id = await app.EnrolmentAsync(await app.MigrantAsync(familyName: "Concurrent"), alkari.Id);
        var director = app.CreateBrowserLikeClient();
        await director.SignInOrFailAsync(DemoAccounts.AlkariDirector);
        var manager = app.CreateBrowserLikeClient();
        await manager.SignInOrFailAsync(DemoAccounts.RabatManager);
        var url = $"/Attendance?centreId={alkari.Id}";
        var stale = await director.GetFormAsync(url, "/Attendance");
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(manager, url, alkari.Id, (id, 4, 4, 18, 18))).StatusCode);

        var response = await PostGridAsync(stale, alkari.Id, (id, 4, 0, 18, 0));
        Assert.Contains("Quelqu'un d'autre a enregistré ce mois entre-temps", await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(18, await app.WithDbAsync(db => db.MonthlyAttendance.Where(m => m.EnrolmentId == id).Select(m => m.HostDaysPresent).SingleAsync()));
    }

    [Fact]
    public async Task Another_centre_director_cannot_open_the_Alkari_grid_and_social_workers_have_no_grid()
    {
        var alkari = await app.CentreAsync();
        var other = await app.DirectorOfAsync(await app.CentreInRegionAsync("RSK"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(other)).GetAsync($"/Attendance?centreId={alkari.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedInAsync(DemoAccounts.RabatSocial)).GetAsync($"/Attendance?centreId={alkari.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync(DemoAccounts.RabatManager)).GetAsync($"/Attendance?centreId={alkari.Id}")).StatusCode);
    }
}
