using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Features.Migrants;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Domain;

namespace MigrantAid.Tests.Features.Resilience;

/// <summary>
/// A file opened is audited off the request (queued, written in batches by one background
/// writer): the entry keeps who opened which file and when, the trail shows it once flushed,
/// nothing queued is lost when the app stops, and two instances over one file each write theirs.
/// </summary>
public sealed class FileOpeningAuditTests : IDisposable
{
    /// <summary>An app whose writer would wait a minute before a batch: only a flush or the stop writes what is queued.</summary>
    private sealed class SlowBatchApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Audit:EventBatchMilliseconds", "60000");
        }
    }

    private readonly List<AppFactory> apps = [];

    public void Dispose()
    {
        foreach (var app in Enumerable.Reverse(apps))
        {
            app.Dispose();
        }
    }

    private T Track<T>(T app) where T : AppFactory
    {
        apps.Add(app);
        return app;
    }

    private static async Task<HttpClient> SignedInAsync(AppFactory app)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        return client;
    }

    /// <summary>The openings of a file as stored, read past the app (no flush).</summary>
    private static async Task<int> StoredOpeningsAsync(string databasePath, int migrantId)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'Viewed' AND EntityType = 'Migrant' AND EntityKey = $key";
        command.Parameters.AddWithValue("$key", migrantId.ToString(CultureInfo.InvariantCulture));
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_opening_is_written_after_the_page_answered_with_the_user_the_file_and_the_time_of_the_opening()
    {
        var app = Track(new SlowBatchApp());
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Queued"), "Awa");
        var client = await SignedInAsync(app);
        var openedAt = app.Clock.GetUtcNow();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Migrants/Details/{id}")).StatusCode);
        // The page did not wait for the writer: the entry is queued, not yet in the file.
        Assert.Equal(0, await StoredOpeningsAsync(app.DatabasePath, id));

        app.Clock.Advance(TimeSpan.FromHours(1));
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == AuditAction.Viewed && a.EntityType == nameof(Migrant) && a.EntityKey == id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(DemoAccounts.RabatSocial, entry.UserName);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.RabatSocial).Select(u => u.Id).SingleAsync());
        Assert.Equal(userId, entry.UserId);
        // The time of the opening, not of the write an hour later (the app's clock).
        Assert.Equal(openedAt, entry.At);
        Assert.NotNull(entry.RequestId);
    }

    [Fact]
    public async Task The_audit_page_shows_an_opening_still_queued()
    {
        var app = Track(new SlowBatchApp());
        var family = MigrantTestData.UniqueName("Trail");
        var id = await app.AddMigrantAsync("RSK", family, "Awa");
        var fileNumber = await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == id).Select(m => m.FileNumber).SingleAsync());
        var social = await SignedInAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await social.GetAsync($"/Migrants/Details/{id}")).StatusCode);
        Assert.Equal(0, await StoredOpeningsAsync(app.DatabasePath, id));

        var admin = app.CreateBrowserLikeClient();
        await admin.SignInOrFailAsync(DemoAccounts.Admin);
        var page = await admin.GetTextAsync($"/Admin/Audit?EntityKey={fileNumber}&Action=Viewed&culture=fr");
        Assert.Contains(DemoAccounts.RabatSocial, page, StringComparison.Ordinal);
        Assert.Equal(1, await StoredOpeningsAsync(app.DatabasePath, id));
    }

    [Fact]
    public async Task Openings_still_queued_when_the_app_stops_are_written_by_the_stop()
    {
        var app = Track(new SlowBatchApp());
        var id = await app.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Stop"), "Awa");
        var client = await SignedInAsync(app);
        const int openings = 30;
        for (var i = 0; i < openings; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(i % 2 == 0 ? $"/Migrants/Details/{id}" : $"/Migrants/Print/{id}")).StatusCode);
        }
        Assert.Equal(0, await StoredOpeningsAsync(app.DatabasePath, id));

        var folder = app.DataFolder;
        var path = app.DatabasePath;
        await app.DisposeAsync(); // a normal stop
        apps.Remove(app);
        SqliteConnection.ClearAllPools();
        Assert.Equal(openings, await StoredOpeningsAsync(path, id));

        // And the app started again on the same file reads them in its trail.
        var again = Track(AppFactory.Restart(folder));
        Assert.Equal(openings, await again.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.Action == AuditAction.Viewed && a.EntityType == nameof(Migrant) && a.EntityKey == id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Two_instances_over_one_file_each_write_their_openings()
    {
        var first = Track(new SlowBatchApp());
        _ = first.Services; // starts it, migrating its file
        var second = Track(AppFactory.Restart(first.DataFolder));
        var id = await first.AddMigrantAsync("RSK", MigrantTestData.UniqueName("Twice"), "Awa");
        var a = await SignedInAsync(first);
        var b = await SignedInAsync(second);

        // Both instances at once: each queues its own, and their writers share the one SQLite writer.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).GetAsync($"/Migrants/Details/{id}")));
        await Task.WhenAll(first.FlushAuditEventsAsync(), second.FlushAuditEventsAsync());

        Assert.Equal(20, await StoredOpeningsAsync(first.DatabasePath, id));
    }
}
