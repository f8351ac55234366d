using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Tests.Infrastructure;
using MigrantAid.Web.Data.Seed;

namespace MigrantAid.Tests.Features.Centres;

public sealed class CentreImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "code;name;name_ar;kind;region;province;city;address;capacity;trades";

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv) =>
        client.SubmitFormAsync("/CentreImport", files: new Dictionary<string, UploadFile> { ["file"] = new("centres.csv", Encoding.UTF8.GetBytes(csv), "text/csv") });

    private async Task<HttpClient> AdminAsync()
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInOrFailAsync(DemoAccounts.Admin);
        return client;
    }

    [Fact]
    public async Task The_referential_is_upserted_by_code_with_a_report_per_line()
    {
        var csv = $""""
            {Header}
            RSK-SAL-NEW1;"Centre de formation de Salé; Hay Karima";مركز سلا;VocationalTrainingCentre;RSK;;Salé;"Hay Karima, ""bloc B""";45;COIF|ALU
            {DemoDataSeeder.AlkariCode};Centre d'apprentissage Alkari;مركز التدرج المهني القاري;ApprenticeshipCentre;RSK;RSK-RAB;Rabat;Quartier Akkari;150;
            """";
        var response = await UploadAsync(await AdminAsync(), csv);
        var text = await response.ReadTextAsync();
        Assert.Contains("Import terminé : 1 centre(s) créé(s), 1 mis à jour", text, StringComparison.Ordinal);
        Assert.Contains("Créé", text, StringComparison.Ordinal);
        Assert.Contains("Mis à jour", text, StringComparison.Ordinal);

        var created = await app.WithDbAsync(db => db.TrainingCentres.Include(c => c.Trades).SingleAsync(c => c.Code == "RSK-SAL-NEW1"));
        Assert.Equal("Centre de formation de Salé; Hay Karima", created.Name);
        Assert.Equal("Hay Karima, \"bloc B\"", created.Address);
        Assert.Equal(2, created.Trades.Count);
        var alkari = await app.WithDbAsync(db => db.TrainingCentres.Include(c => c.Trades).SingleAsync(c => c.Code == DemoDataSeeder.AlkariCode));
        Assert.Equal(150, alkari.Capacity);
        Assert.Equal(5, alkari.Trades.Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.TrainingCentres.CountAsync(c => c.Code == DemoDataSeeder.AlkariCode)));
    }

    [Fact]
    public async Task One_bad_line_and_nothing_is_saved()
    {
        var csv = $"""
            {Header}
            RSK-SAL-NEW2;Centre valide;;SocialEducationCentre;RSK;;Salé;;30;
            RSK-SAL-NEW3;Centre invalide;;SocialEducationCentre;XXX;;Salé;;30;PLONGEE
            RSK-SAL-NEW2;Doublon;;SocialEducationCentre;RSK;;Salé;;30;
            """;
        var text = await (await UploadAsync(await AdminAsync(), csv)).ReadTextAsync();
        Assert.Contains("aucun centre n'a été modifié", text, StringComparison.Ordinal);
        Assert.Contains("Région inconnue : « XXX »", text, StringComparison.Ordinal);
        Assert.Contains("Filière inconnue : « PLONGEE »", text, StringComparison.Ordinal);
        Assert.Contains("Ce code figure deux fois dans le fichier", text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.TrainingCentres.AnyAsync(c => c.Code.StartsWith("RSK-SAL-NEW"))));
    }

    [Fact]
    public async Task A_file_without_the_expected_header_is_refused_and_only_administrators_import()
    {
        var text = await (await UploadAsync(await AdminAsync(), "a;b\n1;2\n")).ReadTextAsync();
        Assert.Contains("Le fichier doit commencer par une ligne d'en-tête", text, StringComparison.Ordinal);

        var manager = app.CreateBrowserLikeClient();
        await manager.SignInOrFailAsync(DemoAccounts.RabatManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/CentreImport")).StatusCode);
    }
}
