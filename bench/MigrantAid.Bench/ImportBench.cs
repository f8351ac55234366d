using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MigrantAid.Bench;

/// <summary>
/// --import N: a French-written CSV of N rows (names from the registry's pools, so many possible
/// duplicates at 1M files), uploaded and previewed, then confirmed with the duplicates, through
/// HTTP as a social worker of Rabat. The row it returns is the table's import row: preview +
/// confirm in one sample (an import is long; n = 1), with the process's peak working set.
/// </summary>
internal static partial class ImportBench
{
    public static async Task<Result> RunAsync(HttpClient client, int rows, string folder)
    {
        var random = new Random(42);
        string[] family = ["Diallo", "Traoré", "Koné", "Camara", "Ndiaye", "Diop", "Sow", "Bah", "Touré", "Keïta", "Coulibaly", "Sylla", "Cissé", "Fofana"];
        string[] given = ["Aïssatou", "Mamadou", "Fatoumata", "Ibrahima", "Mariama", "Ousmane", "Awa", "Moussa", "Kadiatou", "Abdoulaye", "Aminata", "Mohamed"];
        string[] countries = ["Guinée", "Sénégal", "Mali", "Côte-d'Ivoire", "Cameroun", "SN", "GN", "ML"];
        var csv = new System.Text.StringBuilder("Nom de famille;Prénom;Nom de famille en arabe;Sexe;Date de naissance;Nationalité;Région;Ville;Situation administrative;Consentement recueilli\r\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{family[random.Next(family.Length)]};{given[random.Next(given.Length)]} {i};{(i % 3 == 0 ? "ديالو" : "")};{(i % 2 == 0 ? "F" : "Homme")};{random.Next(1, 28):D2}/{random.Next(1, 13):D2}/{random.Next(1960, 2006)};{countries[random.Next(countries.Length)]};Rabat-Salé-Kénitra;Rabat;Inconnue;oui\r\n");
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        var path = Path.Combine(folder, $"import-{rows}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        Console.WriteLine($"import file: {rows:N0} rows, {bytes.Length / 1048576.0:N1} MiB ({path})");
        var page = await client.GetStringAsync("/Migrants/Import");
        var token = Token().Match(page).Groups[1].Value;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", "import.csv" },
        };
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var preview = await client.PostAsync("/Migrants/Import", upload);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        var previewTime = watch.Elapsed;
        Console.WriteLine($"preview: {(int)preview.StatusCode} in {previewTime.TotalSeconds:N1} s — {Status().Match(html).Groups[1].Value}");
        var batch = BatchToken().Match(html).Groups[1].Value;
        var at = html.IndexOf("/Migrants/Import/Confirm", StringComparison.Ordinal);
        if (batch.Length == 0 || at < 0)
        {
            return new Result("import of 100,000 rows, preview + confirm", 0, 0, 0, 0, null, null, null, "≤ 30 s",
                string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows: preview answered {(int)preview.StatusCode} in {previewTime.TotalSeconds:N1} s without a confirmation to offer"));
        }
        var confirmToken = Token().Match(html[at..]).Groups[1].Value;
        watch.Restart();
        var confirm = await client.PostAsync("/Migrants/Import/Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = batch, ["includeDuplicates"] = "true", ["__RequestVerificationToken"] = confirmToken,
        }));
        var confirmTime = watch.Elapsed;
        var total = (previewTime + confirmTime).TotalMilliseconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576;
        Console.WriteLine($"confirm: {(int)confirm.StatusCode} in {confirmTime.TotalSeconds:N1} s; peak working set {peak:N0} MiB (before {before / 1048576:N0} MiB)");
        return new Result("import of 100,000 rows, preview + confirm", 1, Math.Round(total, 1), Math.Round(total, 1), Math.Round(total, 1), null, null, null, "≤ 30 s",
            string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows: preview {previewTime.TotalSeconds:N1} s + confirm {confirmTime.TotalSeconds:N1} s (HTTP {(int)confirm.StatusCode}); process peak {peak:N0} MiB"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
    [GeneratedRegex("<p role=\"status\">([^<]+)</p>")]
    private static partial Regex Status();
    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex BatchToken();
}
