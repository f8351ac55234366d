using System.Text;

namespace MigrantAid.Web.Features.Distributions;

/// <summary>
/// Reads the file numbers of an uploaded recipient list: the first column of a CSV (comma,
/// semicolon or tab) or of the first sheet of an XLSX workbook (MiniExcel), one number a row.
/// A first row without any digit is a header. Deliberately small and isolated: to be replaced
/// by the shared tabular reader (Infrastructure/Tabular) when it lands.
/// </summary>
public static class RecipientListReader
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 2000;

    /// <summary>One line of the list: its row number in the file (1-based, as a spreadsheet shows it) and the text of its first cell.</summary>
    public sealed record Line(int Row, string Value);

    /// <summary>The lines, or null when the file is neither a readable CSV nor XLSX.</summary>
    public static IReadOnlyList<Line>? Read(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var cells = Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".CSV" or ".TXT" => FromCsv(content),
            ".XLSX" => FromXlsx(content),
            _ => null,
        };
        if (cells is null)
        {
            return null;
        }
        var lines = cells.Select((v, i) => new Line(i + 1, v.Trim().Trim('"').Trim())).ToList();
        if (lines.Count > 0 && !lines[0].Value.Any(char.IsAsciiDigit))
        {
            lines.RemoveAt(0);
        }
        // Trailing empty rows are not part of the list.
        while (lines.Count > 0 && lines[^1].Value.Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return lines;
    }

    private static List<string>? FromCsv(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        return text.Split('\n').Select(line => line.TrimEnd('\r').Split(',', ';', '\t')[0]).ToList();
    }

    private static List<string>? FromXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content);
            var cells = new List<string>();
            foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false, excelType: MiniExcelLibs.ExcelType.XLSX))
            {
                cells.Add(Convert.ToString(row.Values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
            return cells;
        }
#pragma warning disable CA1031 // Any malformed workbook is the user's file, answered with a message, not a 500.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
