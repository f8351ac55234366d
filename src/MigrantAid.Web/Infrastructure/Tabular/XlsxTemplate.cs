using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace MigrantAid.Web.Infrastructure.Tabular;

/// <summary>A drop-down list of a template column: the values accepted, and whether Excel refuses others.</summary>
public sealed record TemplateList(int Column, IReadOnlyList<string> Values, bool Strict = true);

/// <summary>
/// An XLSX template to fill in: a header row, an example row, and drop-down lists (Excel data
/// validation) of the accepted values, kept on a second sheet. MiniExcel writes the sheets;
/// the data validation, which it does not write, is added to the first sheet's XML.
/// </summary>
public static partial class XlsxTemplate
{
    private const int RowsWithLists = 10_000;

    public static byte[] Build(string sheetName, IReadOnlyList<string> headers, IReadOnlyList<string?> example, string listsSheetName, IReadOnlyList<TemplateList> lists)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(lists);
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < headers.Count; i++)
        {
            row[headers[i]] = i < example.Count ? example[i] : null;
        }
        var longest = lists.Count == 0 ? 0 : lists.Max(x => x.Values.Count);
        var listRows = Enumerable.Range(0, longest).Select(r =>
        {
            var d = new Dictionary<string, object?>();
            foreach (var list in lists)
            {
                d[headers[list.Column]] = r < list.Values.Count ? list.Values[r] : null;
            }
            return d;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object>
        {
            [sheetName] = new[] { row },
            [listsSheetName] = listRows,
        });
        return AddValidation(stream.ToArray(), Validations(listsSheetName, lists));
    }

    private static string Validations(string listsSheetName, IReadOnlyList<TemplateList> lists)
    {
        var sheet = "'" + listsSheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
        var sb = new StringBuilder();
        sb.Append("<dataValidations count=\"").Append(lists.Count).Append("\">");
        for (var i = 0; i < lists.Count; i++)
        {
            var col = ColumnName(lists[i].Column);
            var listCol = ColumnName(i);
            sb.Append("<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"").Append(lists[i].Strict ? 1 : 0)
              .Append("\" sqref=\"").Append(col).Append('2').Append(':').Append(col).Append(RowsWithLists).Append("\"><formula1>")
              .Append($"{sheet}!${listCol}$2:${listCol}${lists[i].Values.Count + 1}".Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal))
              .Append("</formula1></dataValidation>");
        }
        return sb.Append("</dataValidations>").ToString();
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    [GeneratedRegex(@"<(?:(\w+):)?(?:hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|drawing|legacyDrawing|tableParts|extLst)\b")]
    private static partial Regex AfterValidations();

    [GeneratedRegex(@"</(?:(\w+):)?worksheet>")]
    private static partial Regex WorksheetEnd();

    [GeneratedRegex(@"<(?:(\w+):)?worksheet\b")]
    private static partial Regex WorksheetStart();

    private static byte[] AddValidation(byte[] xlsx, string validations)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml") ?? throw new InvalidOperationException("no first sheet");
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }
            // Elements of a worksheet come in a fixed order: data validation before page setup and the rest.
            var prefix = WorksheetStart().Match(xml).Groups[1] is { Success: true } p ? p.Value + ":" : "";
            var block = Regex.Replace(validations, "<(/?)", "<$1" + prefix);
            var at = AfterValidations().Match(xml) is { Success: true } m ? m.Index : WorksheetEnd().Match(xml).Index;
            xml = xml.Insert(at, block);
            entry.Delete();
            var replaced = zip.CreateEntry("xl/worksheets/sheet1.xml");
            using var writer = new StreamWriter(replaced.Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        return stream.ToArray();
    }
}
