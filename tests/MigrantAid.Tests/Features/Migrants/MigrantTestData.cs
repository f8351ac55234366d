using System.Net;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Migrants;

/// <summary>Arranging migrant files: through the form (as a user) or straight in the database.</summary>
public static class MigrantTestData
{
    public static Task<int> RegionIdAsync(this AppFactory app, string code) =>
        app.WithDbAsync(db => db.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync());

    /// <summary>A valid registration form; override any field.</summary>
    public static Dictionary<string, string> Form(int regionId, string family, string given, string nationality = "SN",
        string birthYear = "1995", params (string Key, string Value)[] more)
    {
        var fields = new Dictionary<string, string>
        {
            ["FamilyName"] = family, ["GivenName"] = given, ["Sex"] = "Female", ["BirthYear"] = birthYear,
            ["NationalityCode"] = nationality, ["RegionId"] = regionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["City"] = "Rabat", ["AdministrativeStatus"] = "Unknown", ["EducationLevel"] = "Unknown", ["ConsentGiven"] = "true",
        };
        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }
        return fields;
    }

    /// <summary>Posts the registration form; returns the response and the new file's id when it was created.</summary>
    public static async Task<(HttpResponseMessage Response, int? Id)> RegisterAsync(this HttpClient client, Dictionary<string, string> fields) =>
        Created(await client.SubmitFormAsync("/Migrants/Create", fields));

    /// <summary>On the page that warned of a possible duplicate, presses "this is a new person" (the form keeps what was typed).</summary>
    public static async Task<(HttpResponseMessage Response, int? Id)> ConfirmNewPersonAsync(this HttpClient client, HttpResponseMessage warned) =>
        Created(await (await client.FormOnAsync(warned, "/Migrants/Create")).SubmitAsync(new Dictionary<string, string> { ["ConfirmNotDuplicate"] = "true" }));

    private static (HttpResponseMessage Response, int? Id) Created(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString is { } location && location.StartsWith("/Migrants/Details/", StringComparison.Ordinal))
        {
            return (response, int.Parse(location["/Migrants/Details/".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
        return (response, null);
    }

    /// <summary>A file written directly (no user): for scope and search tests.</summary>
    public static Task<int> AddMigrantAsync(this AppFactory app, string regionCode, string family, string given,
        string? familyArabic = null, string? givenArabic = null, string nationality = "SN", int birthYear = 1990, Action<Migrant>? configure = null) =>
        app.WithDbAsync(async db =>
        {
            var region = await db.Regions.SingleAsync(r => r.Code == regionCode);
            var country = await db.Countries.SingleAsync(c => c.Code == nationality);
            var m = new Migrant
            {
                FileNumber = $"{regionCode}-T-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}", FamilyName = family, GivenName = given,
                FamilyNameArabic = familyArabic, GivenNameArabic = givenArabic, Sex = Sex.Female, BirthYear = birthYear,
                NationalityId = country.Id, RegionId = region.Id, ConsentGiven = true,
            };
            configure?.Invoke(m);
            m.UpdateSearchKeys();
            db.Migrants.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });

    /// <summary>Letters only, different on each call: a name no other test uses.</summary>
    public static string UniqueName(string stem) =>
        stem + new string(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26))).ToArray());
}
