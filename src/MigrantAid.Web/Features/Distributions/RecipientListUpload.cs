using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Tabular;

namespace MigrantAid.Web.Features.Distributions;

public enum UploadOutcome { Added, NotFound, AlreadyOnList, DuplicateInFile, NeedsDecision, Empty, TooLong }

public sealed record UploadLine(int Row, string FileNumber, UploadOutcome Outcome, EarlierAid? Earlier = null);

/// <summary>The row-by-row report of an upload; <see cref="Refusal"/> names why nothing was read (the list was already uploaded, or the file is unreadable).</summary>
public sealed record UploadReport(string FileName, IReadOnlyList<UploadLine> Lines, string? Refusal, DateTimeOffset? EarlierUploadAt = null)
{
    public int Added => Lines.Count(l => l.Outcome == UploadOutcome.Added);
}

/// <summary>
/// Adds the registered recipients of an uploaded list to a distribution, row by row, with the
/// same rules as one typed file number: in the user's scope, once per distribution, and no
/// double aid without a decision (those rows are reported, not added: each needs its reason,
/// typed on the distribution's page). The same list is never uploaded twice.
/// </summary>
public sealed class RecipientListUpload(AppDbContext db, AidRepeats repeats, Microsoft.Extensions.Options.IOptions<TabularLimits> limits)
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 2000;

    /// <summary>One line of the list: its row number in the file (as a spreadsheet shows it) and the text of its first cell.</summary>
    public sealed record Line(int Row, string Value);

    public async Task<UploadReport> RunAsync(AidDistribution d, string fileName, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(fileName);
        name = name.Length > AidRecipientUpload.FileNameMaxLength ? name[..AidRecipientUpload.FileNameMaxLength] : name;
        var lines = content.Length is 0 or > MaxBytes ? null : Read(name, content);
        if (lines is null || lines.Count == 0)
        {
            return new UploadReport(name, [], "Distributions.UploadUnreadable");
        }
        var numbers = lines.Select(l => l.Value.ToUpperInvariant()).Where(v => v.Length is > 0 and <= Migrant.FileNumberMaxLength).Distinct().Order(StringComparer.Ordinal).ToList();
        var fileHash = Convert.ToHexString(SHA256.HashData(content));
        var recipientsHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', numbers))));
        var earlier = await db.AidRecipientUploads.AsNoTracking()
            .Where(u => (u.AidDistributionId == d.Id && (u.FileHash == fileHash || u.RecipientsHash == recipientsHash))
                || (u.RecipientsHash == recipientsHash && u.Distribution!.Date == d.Date && u.Distribution.Kind == d.Kind))
            .OrderBy(u => u.Id).Select(u => (DateTimeOffset?)u.CreatedAt).FirstOrDefaultAsync(ct);
        if (earlier is not null)
        {
            return new UploadReport(name, [], "Distributions.UploadDuplicate", earlier);
        }

        var candidates = lines.Select(l => l.Value).Where(v => v.Length is > 0 and <= Migrant.FileNumberMaxLength).Concat(numbers).Distinct().ToList();
        var found = (await db.Migrants.AsNoTracking().Where(m => candidates.Contains(m.FileNumber) && m.MergedIntoId == null)
                .Select(m => new { m.Id, m.FileNumber }).ToListAsync(ct))
            .GroupBy(m => m.FileNumber, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var onList = (await db.AidRecipients.Where(r => r.AidDistributionId == d.Id).Select(r => r.MigrantId).ToListAsync(ct)).ToHashSet();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var report = new List<UploadLine>();
        foreach (var line in lines)
        {
            var number = line.Value;
            UploadLine Outcome(UploadOutcome o, EarlierAid? e = null) => new(line.Row, number, o, e);
            if (number.Length == 0)
            {
                report.Add(Outcome(UploadOutcome.Empty));
            }
            else if (number.Length > Migrant.FileNumberMaxLength)
            {
                report.Add(Outcome(UploadOutcome.TooLong));
            }
            else if (!seen.Add(number))
            {
                report.Add(Outcome(UploadOutcome.DuplicateInFile));
            }
            else if (!found.TryGetValue(number, out var migrantId))
            {
                report.Add(Outcome(UploadOutcome.NotFound));
            }
            else if (onList.Contains(migrantId))
            {
                report.Add(Outcome(UploadOutcome.AlreadyOnList));
            }
            else if (await repeats.EarlierAsync(d, migrantId, ct) is { } before)
            {
                report.Add(Outcome(UploadOutcome.NeedsDecision, before));
            }
            else
            {
                onList.Add(migrantId);
                db.AidRecipients.Add(new AidRecipient { AidDistributionId = d.Id, MigrantId = migrantId, RegionId = d.RegionId });
                report.Add(Outcome(UploadOutcome.Added));
            }
        }
        var result = new UploadReport(name, report, null);
        db.AidRecipientUploads.Add(new AidRecipientUpload
        {
            AidDistributionId = d.Id, RegionId = d.RegionId, FileName = name, FileHash = fileHash, RecipientsHash = recipientsHash, Rows = lines.Count, Added = result.Added,
        });
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// The first column of the list, read by the shared tabular reader (encoding and separator
    /// detected, zip bombs and the row cap refused); null when the file is refused as a whole.
    /// The reader takes the first row as the header: a first row holding a digit is a file
    /// number of a list without header, and is read as the first line.
    /// </summary>
    private List<Line>? Read(string fileName, byte[] content)
    {
        if (!TabularReader.IsSupported(fileName))
        {
            return null;
        }
        var cap = new TabularLimits
        {
            MaxRows = Math.Min(MaxRows, limits.Value.MaxRows), MaxInflatedBytes = limits.Value.MaxInflatedBytes,
            MaxCompressionRatio = limits.Value.MaxCompressionRatio, PreviewSeconds = limits.Value.PreviewSeconds,
        };
        try
        {
            var table = TabularReader.Open(content, fileName, cap);
            var lines = table.Rows.Select(r => new Line(r.Line, r[0] ?? "")).ToList();
            if (table.Headers.Count > 0 && table.Headers[0].Any(char.IsAsciiDigit))
            {
                lines.Insert(0, new Line(lines.Count > 0 ? Math.Max(1, lines[0].Row - 1) : 1, table.Headers[0].Trim()));
            }
            return lines.Count > MaxRows ? null : lines;
        }
        catch (TabularException)
        {
            return null;
        }
    }
}

/// <summary>No double aid without a decision: the earlier handing-out of the same kind within its period, if any.</summary>
public sealed class AidRepeats(AppDbContext db, Microsoft.Extensions.Options.IOptions<AidOptions> options)
{
    public int PeriodDays(AidKind kind) => options.Value.PeriodDays(kind);

    /// <summary>The latest distribution of the same kind this person received within the kind's period around this one.</summary>
    public async Task<EarlierAid?> EarlierAsync(AidDistribution d, int migrantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        var days = PeriodDays(d.Kind);
        var since = d.Date.AddDays(-days);
        var until = d.Date.AddDays(days);
        return await db.AidRecipients.AsNoTracking()
            .Where(r => r.MigrantId == migrantId && r.AidDistributionId != d.Id && r.Distribution!.Kind == d.Kind
                && r.Distribution.Date > since && r.Distribution.Date <= until)
            .OrderByDescending(r => r.Distribution!.Date)
            .Select(r => new EarlierAid(r.AidDistributionId, r.Distribution!.Date, r.Distribution.Site!.Name + ", " + r.Distribution.Site.City))
            .FirstOrDefaultAsync(ct);
    }
}
