using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Security;

/// <summary>
/// The scope matrix: for each scoped record with pages, a user of another region or centre,
/// who holds the permission the page asks for, gets 404 on its details, its edit form and
/// every POST — and the owner's side gets through (so the 404 is the scope, not a broken URL).
/// </summary>
public sealed class ScopeMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Target(string Entity, string Method, string Url, string Intruder, string Owner, Dictionary<string, string>? Fields = null);

    private async Task<string> RegionalManagerOfAsync(string regionCode)
    {
        var email = $"manager.{regionCode.ToLowerInvariant()}@migrantaid.test";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var region = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync());
            var user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Délégué " + regionCode,
                RegionId = region, CreatedAt = TimeProvider.System.GetUtcNow(),
            };
            DemoDataSeeder.Check(await users.CreateAsync(user, DemoDataSeeder.DemoPassword));
            DemoDataSeeder.Check(await users.AddToRoleAsync(user, "RegionalManager"));
        }
        return email;
    }

    [Fact]
    public async Task A_user_of_another_region_or_centre_gets_404_on_details_edit_and_every_post()
    {
        var alkari = await app.CentreAsync();
        var migrant = await app.MigrantAsync();
        var enrolment = await app.EnrolmentAsync(migrant, alkari.Id, EnrolmentStatus.Applied, start: TrainingData.Today);
        var (need, member, host, version) = await app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.SingleAsync(x => x.Id == migrant);
            var n = new Need { MigrantId = migrant, RegionId = m.RegionId, Kind = NeedKind.Health, Status = NeedStatus.Open, OpenedOn = TrainingData.Today };
            var h = new HouseholdMember { MigrantId = migrant, RegionId = m.RegionId, Name = "Enfant", Age = 4, Relationship = Relationship.Child };
            var p = new HostProfessional { Name = "Garage Scope " + migrant, Kind = HostKind.Garage, City = "Rabat", TradeId = await db.Trades.Select(t => t.Id).FirstAsync(), RegionId = m.RegionId };
            db.AddRange(n, h, p);
            await db.SaveChangesAsync();
            var e = await db.Enrolments.SingleAsync(x => x.Id == enrolment);
            return (n.Id, h.Id, p.Id, e.Version.ToString());
        });
        var otherDirector = await app.DirectorOfAsync(await app.CentreInRegionAsync("RSK"));
        var tangerManager = await RegionalManagerOfAsync("TTA");
        const string tanger = DemoAccounts.TangerSocial, rabat = DemoAccounts.RabatSocial, director = DemoAccounts.AlkariDirector, manager = DemoAccounts.RabatManager;
        var day = TrainingData.Iso(TrainingData.Today);

        var targets = new List<Target>
        {
            // Migrant files (region): details, print, edit form, edit post.
            new("migrant", "GET", $"/Migrants/Details/{migrant}", tanger, rabat),
            new("migrant", "GET", $"/Migrants/Print/{migrant}", tanger, rabat),
            new("migrant", "GET", $"/Migrants/Edit/{migrant}", tanger, rabat),
            new("migrant", "POST", $"/Migrants/Edit/{migrant}", tanger, rabat),
            new("migrant", "GET", $"/Migrants/Merge/{migrant}", tangerManager, manager),
            new("migrant", "POST", $"/Migrants/Merge/{migrant}", tangerManager, manager, new() { ["otherFileNumber"] = "X" }),
            // Case notes, needs, household (region).
            new("case note", "GET", $"/Migrants/{migrant}/AddNote", tanger, rabat),
            new("case note", "POST", $"/Migrants/{migrant}/AddNote", tanger, rabat),
            new("need", "GET", $"/Migrants/{migrant}/AddNeed", tanger, rabat),
            new("need", "POST", $"/Migrants/{migrant}/AddNeed", tanger, rabat),
            new("need", "POST", $"/Migrants/{migrant}/NeedStatus", tanger, rabat, new() { ["needId"] = need.ToString(), ["status"] = "Referred" }),
            new("household", "GET", $"/Migrants/{migrant}/AddMember", tanger, rabat),
            new("household", "POST", $"/Migrants/{migrant}/AddMember", tanger, rabat),
            // Enrolments (centre): another centre's director.
            new("enrolment", "GET", $"/Enrolments/Details/{enrolment}", otherDirector, director),
            new("enrolment", "POST", $"/Enrolments/AddPlacement/{enrolment}", otherDirector, director),
            new("enrolment", "POST", $"/Enrolments/Refer/{enrolment}", otherDirector, director),
            new("enrolment", "GET", $"/Enrolments/Create?migrantId={migrant}", tanger, rabat),
            // Attendance (centre).
            new("attendance", "GET", $"/Attendance?centreId={alkari.Id}", otherDirector, director),
            new("attendance", "POST", "/Attendance", otherDirector, director,
                new() { ["CentreId"] = alkari.Id.ToString(), ["Year"] = TrainingData.Today.Year.ToString(), ["Month"] = TrainingData.Today.Month.ToString() }),
            // Host professionals (region).
            new("host", "GET", $"/Hosts/Edit/{host}", tangerManager, manager),
            new("host", "POST", $"/Hosts/Edit/{host}", tangerManager, manager),
            // Centres: edit (region).
            new("centre", "GET", $"/Centres/Edit/{alkari.Id}", tangerManager, manager),
            new("centre", "POST", $"/Centres/Edit/{alkari.Id}", tangerManager, manager),
        };
        var clients = new Dictionary<string, HttpClient>();
        async Task<HttpResponseMessage> SendAsync(Target t, string email)
        {
            if (!clients.TryGetValue(email, out var client))
            {
                client = app.CreateBrowserLikeClient();
                await client.SignInOrFailAsync(email);
                clients[email] = client;
            }
            if (t.Method == "GET")
            {
                return await client.GetAsync(t.Url);
            }
            // The user's own language form (its own token, for their own session), its fields
            // changed and pointed at the record: what the developer tools allow.
            var form = await client.GetFormAsync("/", "form[action$='/Language/Set']");
            return await form.SubmitTamperedToAsync(t.Url, new Dictionary<string, string>(t.Fields ?? []));
        }

        var failures = new List<string>();
        foreach (var t in targets)
        {
            var status = (await SendAsync(t, t.Intruder)).StatusCode;
            if (status != HttpStatusCode.NotFound)
            {
                failures.Add($"{t.Entity}: {t.Method} {t.Url} as {t.Intruder} answered {(int)status}");
            }
        }
        // The owner's side reaches the same pages (GETs only: the POSTs above would change data).
        foreach (var t in targets.Where(t => t.Method == "GET"))
        {
            var status = (await SendAsync(t, t.Owner)).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                failures.Add($"{t.Entity}: GET {t.Url} as the owner {t.Owner} answered {(int)status}");
            }
        }

        // Status changes of an enrolment, from another centre: 404, and nothing changed.
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            ($"/Enrolments/Transition/{enrolment}", new() { ["Action"] = "Accept", ["Date"] = day, ["Version"] = version }),
            ($"/Enrolments/Decide/{enrolment}", new() { ["decision"] = "Decline", ["version"] = version }),
        })
        {
            var status = (await SendAsync(new Target("enrolment", "POST", url, otherDirector, director, fields), otherDirector)).StatusCode;
            if (status != HttpStatusCode.NotFound)
            {
                failures.Add($"enrolment: POST {url} as {otherDirector} answered {(int)status}");
            }
        }
        Assert.Empty(failures);
        Assert.Equal(EnrolmentStatus.Applied, await app.WithDbAsync(db => db.Enrolments.Where(e => e.Id == enrolment).Select(e => e.Status).SingleAsync()));
        Assert.Equal(NeedStatus.Open, await app.WithDbAsync(db => db.Needs.Where(n => n.Id == need).Select(n => n.Status).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.HouseholdMembers.AnyAsync(h => h.Id == member)));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(new Target("household", "POST", $"/Migrants/{migrant}/RemoveMember", tanger, rabat,
            new() { ["memberId"] = member.ToString() }), tanger)).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.HouseholdMembers.AnyAsync(h => h.Id == member)));
    }
}
