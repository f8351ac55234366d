using System.Text;
using nietras.SeparatedValues;

namespace MigrantAid.Web.Infrastructure.Tabular;

/// <summary>
/// The one CSV writer of the exports (Sep): UTF-8 with a BOM so Excel reads accents and
/// Arabic, ';' by default as Excel expects in a French locale (',' on request), streamed to
/// the response in chunks without synchronous I/O. Cells that spreadsheet software would
/// run as a formula are neutralised.
/// </summary>
public sealed class CsvTableWriter : IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;
    private readonly StreamWriter output;
    private readonly StringWriter buffer = new(System.Globalization.CultureInfo.InvariantCulture);
    private readonly SepWriter writer;
    private readonly string[] headers;
    private readonly char separator;
    private bool started;

    private CsvTableWriter(Stream body, char separator, IReadOnlyList<string> headers)
    {
        this.separator = separator;
        output = new StreamWriter(body, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        // Headers must be unique for Sep: a repeated one gets an invisible suffix.
        this.headers = headers.Select((h, i) => headers.Take(i).Contains(h) ? h + new string('\u200B', i) : h).ToArray();
        writer = Sep.New(separator).Writer(o => o with { Escape = true }).To(buffer);
    }

    /// <summary>';' unless the user asked for ','. Tab on request too.</summary>
    public static char Separator(string? requested) => requested switch
    {
        "," or "comma" => ',',
        "tab" or "\t" => '\t',
        _ => ';',
    };

    public static CsvTableWriter Create(Stream body, IReadOnlyList<string> headers, char separator = ';')
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(headers);
        return new CsvTableWriter(body, separator, headers);
    }

    public async Task WriteRowAsync(IReadOnlyList<string?> cells, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cells);
        started = true;
        await using (var row = writer.NewRow(ct))
        {
            for (var i = 0; i < headers.Length; i++)
            {
                row[headers[i]].Set(Neutralise(i < cells.Count ? cells[i] : null));
            }
        }
        if (buffer.GetStringBuilder().Length >= FlushAt)
        {
            await DrainAsync(ct);
        }
    }

    /// <summary>A file without data rows still has its header line.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (!started)
        {
            // Sep writes the header with the first row: a file without rows still gets one.
            await output.WriteLineAsync(string.Join(separator, headers.Select(h =>
                h.Contains(separator, StringComparison.Ordinal) || h.Contains('"', StringComparison.Ordinal) ? "\"" + h.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : h)));
        }
        else
        {
            await DrainAsync(ct);
        }
        await output.FlushAsync(ct);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        writer.Flush();
        var sb = buffer.GetStringBuilder();
        if (sb.Length > 0)
        {
            await output.WriteAsync(sb, ct);
            sb.Clear();
        }
    }

    /// <summary>Formula injection: a cell starting with = + - @ is prefixed for spreadsheet software (phone numbers like +212… are left alone).</summary>
    public static string? Neutralise(string? s)
    {
        if (string.IsNullOrEmpty(s) || s[0] is not ('=' or '+' or '-' or '@'))
        {
            return s;
        }
        return s[0] is '+' or '-' && s.Skip(1).All(c => char.IsAsciiDigit(c) || c == ' ') ? s : "'" + s;
    }

    public async ValueTask DisposeAsync()
    {
        writer.Dispose();
        await buffer.DisposeAsync();
        await output.DisposeAsync();
    }
}
