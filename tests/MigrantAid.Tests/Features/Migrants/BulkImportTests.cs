using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using static MigrantAid.Tests.Features.Migrants.MigrantTestData;

namespace MigrantAid.Tests.Features.Migrants;

/// <summary>
/// The import's bulk insert on SQLite (prepared commands instead of the change tracker): a file
/// it writes reads, row for row, like the same file saved by EF, with the same audit entries;
/// numbers come as one block per region, and every file has its search tokens.
/// </summary>
public sealed class BulkImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "Nom de famille;Prénom;Nom de famille en arabe;Sexe;Date de naissance;Nationalité;Région;Ville;Situation administrative;Consentement recueilli;Date du consentement (contact par téléphone);Forme du consentement (contact par téléphone)";

    private async Task<HttpClient> ClientAsync()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.RabatSocial);
        return client;
    }

    private async Task ImportAsync(HttpClient client, string csv)
    {
        var uploaded = await client.SubmitFormAsync("/Migrants/Import", files: new Dictionary<string, UploadFile> { ["file"] = new("registre.csv", Encoding.UTF8.GetBytes(csv)) });
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var confirmed = await (await client.FormOnAsync(uploaded, "/Migrants/Import/Confirm")).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    [Fact]
    public async Task An_imported_file_is_stored_and_audited_exactly_as_the_change_tracker_saves_the_same_file()
    {
        var family = UniqueName("Bulk");
        var client = await ClientAsync();
        await ImportAsync(client, $"{Header}\n{family};Awa Binta;ديالو;F;12/03/1995;Sénégal;Rabat-Salé-Kénitra;Rabat;Demandeur d'asile;oui;15/10/2026;signé\n");
        var imported = await app.WithDbAsync(db => db.Migrants.AsNoTracking().Where(m => m.FamilyName == family).Select(m => m.Id).SingleAsync());

        // The same file and consents saved through the change tracker (and its audit interceptor).
        var copy = await app.WithDbAsync(async db =>
        {
            var m = await db.Migrants.AsNoTracking().SingleAsync(x => x.Id == imported);
            var consents = await db.Consents.AsNoTracking().Where(c => c.MigrantId == imported).ToListAsync();
            m.Id = 0;
            m.FileNumber = "CMP-" + family[^8..];
            m.UpdateSearchKeys();
            db.Migrants.Add(m);
            foreach (var c in consents)
            {
                c.Id = 0;
                c.MigrantId = 0;
                c.Migrant = m;
                db.Consents.Add(c);
            }
            await db.SaveChangesAsync();
            return m.Id;
        });

        // Row for row: every column holds the same value with the same storage type (the converters
        // and type mappings applied), except the keys, the file number and who/when created it.
        string[] own = ["Id", "FileNumber", "Version", "CreatedAt", "CreatedBy", "MigrantId"];
        var importedRow = await RowAsync("Migrants", "Id", imported);
        var copyRow = await RowAsync("Migrants", "Id", copy);
        Assert.Equal(copyRow.Keys.Order(), importedRow.Keys.Order());
        Assert.All(copyRow.Keys.Where(k => !own.Contains(k)), k => Assert.Equal((k, copyRow[k]), (k, importedRow[k])));
        Assert.Equal(copyRow["Version"]?.GetType(), importedRow["Version"]?.GetType());
        Assert.Equal(copyRow["CreatedAt"]?.GetType(), importedRow["CreatedAt"]?.GetType());
        Assert.Equal(((string)copyRow["Version"]!).Length, ((string)importedRow["Version"]!).Length);
        Assert.NotNull(importedRow["CreatedBy"]);

        var tokens = await app.WithDbAsync(db => db.MigrantNameTokens.Where(t => t.MigrantId == imported || t.MigrantId == copy)
            .Select(t => new { t.MigrantId, t.Token }).ToListAsync());
        Assert.Contains(tokens, t => t.MigrantId == imported);
        Assert.Equal(tokens.Where(t => t.MigrantId == copy).Select(t => t.Token).Order(), tokens.Where(t => t.MigrantId == imported).Select(t => t.Token).Order());

        // One audit entry per created record, with the same fields and values as the change tracker's.
        var trail = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Created && (e.EntityType == nameof(Migrant) || e.EntityType == nameof(Consent))).ToListAsync());
        var importedEntry = Assert.Single(trail, e => e.EntityType == nameof(Migrant) && e.EntityKey == imported.ToString(CultureInfo.InvariantCulture));
        var copyEntry = Assert.Single(trail, e => e.EntityType == nameof(Migrant) && e.EntityKey == copy.ToString(CultureInfo.InvariantCulture));
        AssertSameChanges(copyEntry, importedEntry, ["FileNumber"]);
        Assert.Equal(imported.ToString(CultureInfo.InvariantCulture), Changes(importedEntry)["Id"][1].ToString());
        Assert.Equal(DemoAccounts.RabatSocial, importedEntry.UserName);
        Assert.NotNull(importedEntry.UserId);

        var importedConsents = await app.WithDbAsync(db => db.Consents.AsNoTracking().Where(c => c.MigrantId == imported).OrderBy(c => c.Purpose).ToListAsync());
        var copyConsents = await app.WithDbAsync(db => db.Consents.AsNoTracking().Where(c => c.MigrantId == copy).OrderBy(c => c.Purpose).ToListAsync());
        Assert.Equal(2, importedConsents.Count);
        foreach (var (mine, theirs) in importedConsents.Zip(copyConsents))
        {
            var a = await RowAsync("Consents", "Id", mine.Id);
            var b = await RowAsync("Consents", "Id", theirs.Id);
            Assert.All(b.Keys.Where(k => !own.Contains(k)), k => Assert.Equal((k, b[k]), (k, a[k])));
            var entry = Assert.Single(trail, e => e.EntityType == nameof(Consent) && e.EntityKey == mine.Id.ToString(CultureInfo.InvariantCulture));
            AssertSameChanges(Assert.Single(trail, e => e.EntityType == nameof(Consent) && e.EntityKey == theirs.Id.ToString(CultureInfo.InvariantCulture)), entry, []);
            Assert.Equal(imported.ToString(CultureInfo.InvariantCulture), Changes(entry)["MigrantId"][1].ToString());
        }
    }

    [Fact]
    public async Task A_large_import_is_numbered_as_one_contiguous_block_per_region_and_every_file_is_searchable_and_audited()
    {
        var family = UniqueName("Block");
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 2500; i++)
        {
            var given = "Awa " + string.Join(' ', i.ToString(CultureInfo.InvariantCulture).ToCharArray());
            csv.Append(CultureInfo.InvariantCulture, $"{family};{given};;F;01/01/{1960 + (i % 40)};Guinée;RSK;Rabat;Inconnue;oui;;\n");
        }
        var client = await ClientAsync();
        await ImportAsync(client, csv.ToString());

        var files = await app.WithDbAsync(db => db.Migrants.AsNoTracking().Where(m => m.FamilyName == family).Select(m => new { m.Id, m.FileNumber }).ToListAsync());
        Assert.Equal(2500, files.Count);
        var prefix = $"RSK-{app.Clock.GetLocalNow().Year}-";
        Assert.All(files, f => Assert.StartsWith(prefix, f.FileNumber, StringComparison.Ordinal));
        var sequence = files.Select(f => int.Parse(f.FileNumber[prefix.Length..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 2500), sequence);
        // The counter moved past the block: the next registration follows it.
        Assert.Equal(sequence[^1], await app.WithDbAsync(db => db.FileNumberCounters.Where(c => c.Prefix == prefix).Select(c => c.Last).SingleAsync()));
        var (_, next) = await client.RegisterAsync(Form(await app.RegionIdAsync("RSK"), UniqueName("After"), "Awa", nationality: "GN", birthYear: "1990"));
        Assert.Equal($"{prefix}{sequence[^1] + 1:D6}", await app.WithDbAsync(db => db.Migrants.Where(m => m.Id == next).Select(m => m.FileNumber).SingleAsync()));

        var ids = files.Select(f => f.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Migrant) && e.Action == AuditAction.Created)
            .Select(e => e.EntityKey!).ToListAsync());
        Assert.Equal(2500, audited.Count(ids.Contains));
        Assert.Equal(2500, audited.Where(ids.Contains).Distinct().Count());

        // Found by name: the search tokens were written with the files.
        var page = await client.GetTextAsync($"/Migrants?q={family}");
        Assert.Contains(files, f => page.Contains(f.FileNumber, StringComparison.Ordinal));
    }

    private static Dictionary<string, JsonElement[]> Changes(AuditEntry e) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(e.Changes!)!;

    private static void AssertSameChanges(AuditEntry expected, AuditEntry actual, string[] differing)
    {
        var a = Changes(expected);
        var b = Changes(actual);
        Assert.Equal(a.Keys, b.Keys);
        string[] keys = ["Id", "MigrantId", .. differing];
        Assert.All(a.Keys.Where(k => !keys.Contains(k)), k => Assert.Equal((k, a[k][1].GetRawText()), (k, b[k][1].GetRawText())));
        Assert.All(b.Values, v => Assert.Equal(JsonValueKind.Null, v[0].ValueKind));
    }

    /// <summary>A row as SQLite returns it: each column's value in its storage type (integer, real, text).</summary>
    private Task<Dictionary<string, object?>> RowAsync(string table, string key, int id) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{key}\" = {id.ToString(CultureInfo.InvariantCulture)}";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    });
}
