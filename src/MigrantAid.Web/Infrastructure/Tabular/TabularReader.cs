using System.Globalization;
using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace MigrantAid.Web.Infrastructure.Tabular;

/// <summary>
/// Limits of one uploaded table (configuration section "Import"): a row cap, and for XLSX
/// (a zip) the inflated size and compression ratio of its parts, so a small "bomb" workbook
/// cannot take the server's memory.
/// </summary>
public sealed class TabularLimits
{
    public int MaxRows { get; set; } = 100_000;
    public long MaxInflatedBytes { get; set; } = 256L * 1024 * 1024;
    public int MaxCompressionRatio { get; set; } = 250;
    /// <summary>How long a preview may take before it stops with a message (seconds).</summary>
    public int PreviewSeconds { get; set; } = 120;
}

public enum TabularProblem { Unreadable, Undecodable, TooManyRows, TooLarge }

/// <summary>Why a file is refused as a whole; <see cref="Line"/> names the line where it applies.</summary>
public sealed class TabularException(TabularProblem problem, int line = 0) : Exception($"{problem} at line {line}")
{
    public TabularProblem Problem { get; } = problem;
    public int Line { get; } = line;
}

/// <summary>One row of data: its line in the file (as a spreadsheet numbers it) and its cells, trimmed, empty as null.</summary>
public sealed record TabularRow(int Line, string?[] Cells)
{
    public string? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;
}

/// <summary>A table read from an upload: the header row and the data rows, read as they are enumerated.</summary>
public sealed record TabularTable(IReadOnlyList<string> Headers, IEnumerable<TabularRow> Rows)
{
    /// <summary>The index of the first header that the matcher accepts, or -1.</summary>
    public int IndexOf(Func<string, bool> accepts)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (accepts(Headers[i]))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>
/// The one reader of uploaded tables (CSV and XLSX) shared by every import. CSV: encoding
/// detected (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode text", else the Windows
/// code page of older Excel: 1256 when the file holds Arabic, 1252 otherwise); separator
/// detected from the header line (';' as French Excel writes, ',' or tab); parsed with Sep.
/// XLSX: checked against zip bombs, then read row by row (MiniExcel). Both stop at the row cap.
/// Blank rows are skipped.
/// </summary>
public static class TabularReader
{
    static TabularReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly string[] Extensions = [".csv", ".txt", ".tsv", ".xlsx"];

    public static bool IsSupported(string fileName) => Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    /// <summary>Opens the table; throws <see cref="TabularException"/> for a file refused as a whole (also while rows are enumerated).</summary>
    public static TabularTable Open(byte[] content, string fileName, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        return Path.GetExtension(fileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? OpenXlsx(content, limits)
            : OpenCsv(Decode(content), limits);
    }

    // ---- CSV ----

    /// <summary>The text of a CSV file in the encoding it was written in; refuses what cannot be decoded, naming the line.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string text;
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            text = Strict(bytes.AsSpan(3), new UTF8Encoding(false, true));
        }
        else if (bytes is [0xFF, 0xFE, ..])
        {
            text = Strict(bytes.AsSpan(2), new UnicodeEncoding(false, false, true));
        }
        else if (bytes is [0xFE, 0xFF, ..])
        {
            text = Strict(bytes.AsSpan(2), new UnicodeEncoding(true, false, true));
        }
        else if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            text = Encoding.UTF8.GetString(bytes);
        }
        else
        {
            text = Encoding.GetEncoding(LooksArabic(bytes) ? 1256 : 1252).GetString(bytes);
        }
        // Control characters are no text anyone typed: a binary file, or the wrong encoding.
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if ((char.IsControl(c) && c is not '\r' and not '\t') || c == '\uFFFD')
            {
                throw new TabularException(TabularProblem.Undecodable, line);
            }
        }
        return text;
    }

    private static string Strict(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Clamp(e.Index, 0, bytes.Length);
            throw new TabularException(TabularProblem.Undecodable, LineAt(bytes, at));
        }
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int index)
    {
        // The exception's index is into the chunk being decoded: find the first invalid line instead.
        var strict = new UTF8Encoding(false, true);
        var line = 1;
        foreach (var range in bytes.Split((byte)'\n'))
        {
            try
            {
                strict.GetCharCount(bytes[range]);
            }
            catch (DecoderFallbackException)
            {
                return line;
            }
            line++;
        }
        return Math.Max(1, bytes[..index].Count((byte)'\n') + 1);
    }

    /// <summary>
    /// Windows-1256 keeps the French accented letters where 1252 has them, so the bytes alone
    /// do not tell; but Arabic words are runs of high bytes, where French has one accented
    /// letter between plain ones.
    /// </summary>
    private static bool LooksArabic(ReadOnlySpan<byte> bytes)
    {
        var run = 0;
        var runs = 0;
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                if (++run == 3)
                {
                    runs++;
                }
            }
            else
            {
                run = 0;
            }
        }
        return runs > 0;
    }

    public static char DetectSeparator(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '\n')
            {
                break;
            }
            else if (!quoted)
            {
                switch (c)
                {
                    case ';': semicolons++; break;
                    case ',': commas++; break;
                    case '\t': tabs++; break;
                }
            }
        }
        return tabs > semicolons && tabs > commas ? '\t' : semicolons >= commas && semicolons > 0 ? ';' : ',';
    }

    private static TabularTable OpenCsv(string text, TabularLimits limits)
    {
        var separator = DetectSeparator(text);
        var headers = new List<string>();
        using (var reader = Sep.New(separator).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(text))
        {
            foreach (var row in reader)
            {
                for (var i = 0; i < row.ColCount; i++)
                {
                    headers.Add(row[i].ToString().Trim());
                }
                if (headers.Any(h => h.Length > 0))
                {
                    break;
                }
                headers.Clear();
            }
        }
        return new TabularTable(headers, headers.Count == 0 ? [] : CsvRows(text, separator, limits));
    }

    private static IEnumerable<TabularRow> CsvRows(string text, char separator, TabularLimits limits)
    {
        using var reader = Sep.New(separator).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(text);
        var header = true;
        var count = 0;
        foreach (var row in reader)
        {
            var cells = new string?[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Clean(row[i].ToString());
            }
            if (cells.All(c => c is null))
            {
                continue;
            }
            if (header)
            {
                header = false;
                continue;
            }
            if (++count > limits.MaxRows)
            {
                throw new TabularException(TabularProblem.TooManyRows, row.LineNumberFrom);
            }
            yield return new TabularRow(row.LineNumberFrom, cells);
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // ---- XLSX ----

    /// <summary>Refuses a workbook whose parts inflate beyond the limits, before reading a row.</summary>
    public static void CheckZip(Stream stream, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxInflatedBytes
                    || (entry.Length > 1024 * 1024 && entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio))
                {
                    throw new TabularException(TabularProblem.TooLarge);
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new TabularException(TabularProblem.Unreadable);
        }
        stream.Position = 0;
    }

    private static TabularTable OpenXlsx(byte[] content, TabularLimits limits)
    {
        CheckZip(new MemoryStream(content, writable: false), limits);
        List<string>? headers = null;
        foreach (var (_, cells) in XlsxRows(content))
        {
            if (cells.Any(c => c is not null))
            {
                headers = cells.Select(c => c ?? "").ToList();
                break;
            }
        }
        return headers is null ? new TabularTable([], []) : new TabularTable(headers, XlsxData(content, limits));
    }

    private static IEnumerable<TabularRow> XlsxData(byte[] content, TabularLimits limits)
    {
        var header = true;
        var count = 0;
        foreach (var (line, cells) in XlsxRows(content))
        {
            if (cells.All(c => c is null))
            {
                continue;
            }
            if (header)
            {
                header = false;
                continue;
            }
            if (++count > limits.MaxRows)
            {
                throw new TabularException(TabularProblem.TooManyRows, line);
            }
            yield return new TabularRow(line, cells);
        }
    }

    private static IEnumerable<(int Line, string?[] Cells)> XlsxRows(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        IEnumerator<dynamic> rows;
        try
        {
            rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false, excelType: MiniExcelLibs.ExcelType.XLSX).GetEnumerator();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException)
        {
            throw new TabularException(TabularProblem.Unreadable);
        }
        using (rows)
        {
            var line = 0;
            while (true)
            {
                try
                {
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException)
                {
                    throw new TabularException(TabularProblem.Unreadable, line + 1);
                }
                line++;
                var row = (IDictionary<string, object?>)rows.Current;
                yield return (line, row.Values.Select(Cell).ToArray());
            }
        }
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        DateTime d => d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => Clean(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Clean(value.ToString()),
    };
}

public static class TabularServices
{
    /// <summary>The limits of uploaded tables, from configuration section "Import" (MaxRows, MaxInflatedBytes, MaxCompressionRatio, PreviewSeconds).</summary>
    public static IServiceCollection AddTabularImports(this IServiceCollection services)
    {
        services.AddOptions<TabularLimits>().BindConfiguration("Import");
        return services;
    }
}
