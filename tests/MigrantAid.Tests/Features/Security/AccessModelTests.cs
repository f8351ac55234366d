using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrantAid.Tests.Features.Enrolments;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Features.Security;

/// <summary>
/// The access model checked against DOMAIN.md ("The people who use it"), restated here as a
/// table, and the deny-by-default rules of the row scope.
/// </summary>
public sealed partial class AccessModelTests(AppFactory app) : IClassFixture<AppFactory>
{
    // A = Administrator, N = NationalManager, R = RegionalManager, D = CentreDirector,
    // S = SocialWorker, P = PartnerViewer. Written from DOMAIN.md, not from the code.
    private static readonly Dictionary<string, string> Expected = new()
    {
        [Permissions.MigrantsRead] = "ANRDS",
        [Permissions.MigrantsReadSensitive] = "ANRS",
        [Permissions.MigrantsWrite] = "ARS",
        [Permissions.MigrantsMerge] = "AR",
        [Permissions.MigrantsUnmerge] = "A",
        [Permissions.EnrolmentsRead] = "ANRDS",
        [Permissions.EnrolmentsPropose] = "ARS",
        [Permissions.EnrolmentsManage] = "ARD",
        [Permissions.EnrolmentsOverrideCapacity] = "A",
        [Permissions.CentresRead] = "ANRDS",
        [Permissions.CentresManage] = "AR",
        [Permissions.ReferenceDataManage] = "A",
        [Permissions.UsersRead] = "AR",
        [Permissions.UsersManage] = "A",
        [Permissions.AuditRead] = "A",
        [Permissions.ConventionsRead] = "ANR",
        [Permissions.ConventionsManage] = "AN",
        [Permissions.ConventionsReadAggregates] = "ANRP",
        [Permissions.ConventionsAttribute] = "ANR",
        [Permissions.ActivitiesRead] = "ANRS",
        [Permissions.ActivitiesWrite] = "ARS",
        [Permissions.ActivitiesApprove] = "AR",
        [Permissions.ActivitiesApprenticeStatus] = "AD",
        [Permissions.AidRead] = "ANRS",
        [Permissions.AidDistribute] = "ARS",
        [Permissions.DashboardsRead] = "ANRD",
        [Permissions.PrivacyManage] = "A",
    };

    private static readonly Dictionary<char, string> RoleOf = new()
    {
        ['A'] = Roles.Administrator, ['N'] = Roles.NationalManager, ['R'] = Roles.RegionalManager,
        ['D'] = Roles.CentreDirector, ['S'] = Roles.SocialWorker, ['P'] = Roles.PartnerViewer,
    };

    [Fact]
    public void The_role_permission_map_is_the_one_the_domain_describes()
    {
        Assert.Equal(Expected.Keys.Order(), Permissions.All.Order());
        var differences = new List<string>();
        foreach (var (permission, letters) in Expected)
        {
            foreach (var (letter, role) in RoleOf)
            {
                var expected = letters.Contains(letter, StringComparison.Ordinal);
                if (AccessModel.PermissionsOf(role).Contains(permission) != expected)
                {
                    differences.Add($"{role} {(expected ? "should" : "should not")} have {permission}");
                }
            }
        }
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Theory]
    [InlineData("Administrator", ScopeKind.National)]
    [InlineData("NationalManager", ScopeKind.National)]
    [InlineData("RegionalManager", ScopeKind.Region)]
    [InlineData("SocialWorker", ScopeKind.Region)]
    [InlineData("CentreDirector", ScopeKind.Centre)]
    [InlineData("PartnerViewer", ScopeKind.Partner)]
    public void Each_role_has_its_scope_dimension(string role, ScopeKind kind) => Assert.Equal(kind, AccessModel.ScopeOf(role));

    [Fact]
    public void A_regional_role_without_a_region_works_on_nothing()
    {
        var user = Principal(Roles.SocialWorker, null);
        Assert.Equal(ScopeKind.None, AccessModel.ScopeFor(user).Kind);
        Assert.Equal(-1, AccessModel.ScopeFor(user).FilterRegionId);
        Assert.False(AccessModel.ScopeFor(user).FilterAll);
    }

    [Fact]
    public async Task Scoped_sets_are_empty_without_a_signed_in_user_and_full_only_in_the_system_scope()
    {
        await app.MigrantAsync();
        Assert.True(await app.WithDbAsync(db => db.Migrants.AnyAsync()), "the system scope (test arrangement) sees every file");

        // Outside a request, without opting in: nothing.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.Migrants.AnyAsync());
            Assert.False(await db.Enrolments.AnyAsync());
        }

        // In a request without a signed-in user: nothing, and no opting in.
        var signedOut = new CurrentUser(new FixedHttpContextAccessor(new DefaultHttpContext()));
        await using (var db = ContextFor(signedOut))
        {
            Assert.False(await db.Migrants.AnyAsync());
            Assert.Throws<InvalidOperationException>(() => signedOut.EnterSystemScope("escape"));
            Assert.False(await db.Migrants.AnyAsync());
        }

        // A signed-in partner: no person row at all.
        await using (var db = ContextFor(new CurrentUser(new FixedHttpContextAccessor(new DefaultHttpContext { User = Principal(Roles.PartnerViewer, null) }))))
        {
            Assert.False(await db.Migrants.AnyAsync());
        }
    }

    private SqliteAppDbContext ContextFor(CurrentUser user) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={app.DatabasePath}").Options, null, user);

    [Fact]
    public void Role_names_are_read_only_by_the_access_model()
    {
        var offenders = SourceFiles()
            .Where(f => !f.EndsWith("AccessModel.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("IsInRole", StringComparison.Ordinal))
            .Select(Relative).ToList();
        Assert.True(offenders.Count == 0, "IsInRole outside the access model: " + string.Join(", ", offenders));
    }

    /// <summary>
    /// Every row-scope bypass, with its count per file. Each must carry a "// Scope bypass:"
    /// reason on the line above; a new one fails here until its file's count is raised with
    /// the review it needs.
    /// </summary>
    private static readonly Dictionary<string, int> ReviewedBypasses = new()
    {
        ["Features/Activities/ActivitiesSetup.cs"] = 2,
        ["Features/Activities/ActivityMergeParticipant.cs"] = 2,
        ["Features/Activities/ActivityMoneySource.cs"] = 2,
        ["Features/ApprenticeActivities/ApprenticeActivities.cs"] = 1,
        ["Features/Attendance/AttendanceController.cs"] = 1,
        ["Features/Centres/CentresController.cs"] = 2,
        ["Features/Conventions/TrainingIndicatorSource.cs"] = 2,
        ["Features/Distributions/AidMergeParticipants.cs"] = 2,
        ["Features/Distributions/AidMoneySource.cs"] = 1,
        ["Features/Distributions/DistributionsSetup.cs"] = 3,
        ["Features/Enrolments/EnrolmentService.cs"] = 2,
        ["Features/Enrolments/EnrolmentsController.cs"] = 2,
        ["Features/Enrolments/RiskList.cs"] = 2,
        ["Features/Enrolments/RiskState.cs"] = 5,
        ["Features/Migrants/EnrolmentLinks.cs"] = 2,
        ["Features/Migrants/MigrantMerging.cs"] = 2,
        ["Features/Migrants/MigrantRegistry.cs"] = 4,
        ["Features/Migrants/NationalitiesInUse.cs"] = 2,
        ["Features/Migrants/SearchKeyRebuild.cs"] = 1,
        ["Features/Privacy/Anonymiser.cs"] = 1,
    };

    [Fact]
    public void Every_scope_bypass_is_listed_and_says_why()
    {
        var found = new Dictionary<string, int>();
        var unexplained = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].Contains("IgnoreQueryFilters(", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal))
                {
                    continue;
                }
                var key = Relative(file);
                found[key] = found.GetValueOrDefault(key) + 1;
                if (i == 0 || !lines[i - 1].Contains("// Scope bypass: ", StringComparison.Ordinal))
                {
                    unexplained.Add($"{key}:{i + 1}");
                }
            }
        }
        Assert.True(unexplained.Count == 0, "scope bypass without a reason: " + string.Join(", ", unexplained));
        Assert.Equal(ReviewedBypasses.OrderBy(p => p.Key), found.OrderBy(p => p.Key));
    }

    /// <summary>Where code outside a request opts in to every row: each call site is known.</summary>
    [Fact]
    public void The_system_scope_is_entered_only_where_reviewed()
    {
        var sites = SourceFiles()
            .SelectMany(f => SystemScopeCall().Matches(File.ReadAllText(f)).Select(m => $"{Relative(f)}: {m.Groups[1].Value}"))
            .Order().ToList();
        Assert.Equal(
        [
            "Data/Seed/DatabaseInitializer.cs: start-up: migrate and seed reference and demo data",
            "Features/Dashboard/FiguresScheduler.cs: dashboard figures: background refresh",
            "Features/Retention/RetentionSetup.cs: retention job: scheduled daily run",
            "Infrastructure/CommandLine.cs: command line: count the demo data",
            "Infrastructure/CommandLine.cs: command line: create the first administrator",
            "Infrastructure/CommandLine.cs: command line: migrate",
            "Infrastructure/CommandLine.cs: command line: refresh the dashboard figures",
            "Infrastructure/CommandLine.cs: command line: retention",
        ], sites);
    }

    [GeneratedRegex("EnterSystemScope\\(\"([^\"]+)\"\\)")]
    private static partial Regex SystemScopeCall();

    private static ClaimsPrincipal Principal(string role, int? regionId)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "test"), new(ClaimTypes.Role, role) };
        if (regionId is { } r)
        {
            claims.Add(new(AppClaimTypes.RegionId, r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    internal static string SourceRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MigrantAid.sln")))
            {
                dir = dir.Parent;
            }
            Assert.NotNull(dir);
            return Path.Combine(dir.FullName, "src", "MigrantAid.Web");
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(SourceRoot, file).Replace('\\', '/');
}
