using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using MigrantAid.Web.Data;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auditing;

namespace MigrantAid.Web.Features.Migrants;

/// <summary>
/// The import's insert path on SQLite: new files, their search tokens and consents, and one
/// audit entry per created record, written by prepared commands inside the caller's
/// transaction instead of through the change tracker (which costs most of an import's time at
/// 100,000 rows). The columns and parameters come from the EF model (column names, value
/// converters, type mappings), so a row reads exactly as one EF would write; the audit entry is
/// the one <see cref="AuditTrail"/> writes for an added record (every set field, null → value;
/// bookkeeping fields left out). SQL Server keeps the EF path (<see cref="IsSupported"/>).
/// </summary>
public sealed class BulkFileWriter(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    // The fields AuditTrail leaves out of a trail (kept in step by BulkImportTests, which compares
    // an imported file's entry with the one the change tracker writes for the same file).
    private static readonly HashSet<string> NotInTrail =
    [
        nameof(Entity.Version), nameof(Entity.CreatedAt), nameof(Entity.CreatedBy), nameof(Entity.UpdatedAt), nameof(Entity.UpdatedBy), "Value", "Xml",
    ];

    private static readonly JsonSerializerOptions TrailJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool IsSupported(AppDbContext db) => db.Database.IsSqlite();

    /// <summary>Page cache of the import's connection while it inserts (KiB): bounded, restored afterwards.</summary>
    public const int ImportCacheKiB = 256 * 1024;

    /// <summary>
    /// Holds the context's connection open with a larger page cache until disposed. Each file adds
    /// entries to a dozen indexes of a large table at scattered places: with SQLite's default 2 MiB
    /// cache the pages of one transaction are evicted (and spilled to the WAL) before the next
    /// entry lands on them again.
    /// </summary>
    public async Task<IAsyncDisposable> LargeCacheAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA cache_size";
        var previous = Convert.ToInt64(await read.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        await SetAsync(connection, -ImportCacheKiB, ct);
        return new Restore(db, connection, previous);
    }

    private static async Task SetAsync(DbConnection connection, long size, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {size}");
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class Restore(AppDbContext db, DbConnection connection, long previous) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Back to the pool with its usual cache (SQLite frees the pages above it).
            await SetAsync(connection, previous, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Inserts the files (numbered already), their name tokens and the given consents (linked by
    /// their <see cref="Consent.Migrant"/>), with their audit entries, in the current transaction.
    /// </summary>
    public async Task InsertAsync(IReadOnlyList<Migrant> migrants, IReadOnlyList<Consent> consents, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The bulk insert runs inside the caller's transaction.");
        var connection = transaction.Connection!;
        var now = clock.GetUtcNow();
        var stamp = audit.Event(AuditAction.Created, "", null);
        using var files = new BulkTable(db, typeof(Migrant), connection, transaction);
        using var tokens = new BulkTable(db, typeof(MigrantNameToken), connection, transaction);
        using var consentRows = new BulkTable(db, typeof(Consent), connection, transaction);
        using var trail = new BulkTable(db, typeof(AuditEntry), connection, transaction);
        var trailEnabled = !audit.Suppressed;
        foreach (var m in migrants)
        {
            Stamp(m, now, stamp.UserId);
            await files.InsertAsync(m, ct);
            foreach (var t in m.NameTokens)
            {
                t.MigrantId = m.Id;
                await tokens.InsertAsync(t, ct);
            }
            if (trailEnabled)
            {
                await trail.InsertAsync(Entry(files, m, stamp), ct);
            }
        }
        foreach (var c in consents)
        {
            c.MigrantId = c.Migrant?.Id ?? c.MigrantId;
            Stamp(c, now, stamp.UserId);
            await consentRows.InsertAsync(c, ct);
            if (trailEnabled)
            {
                await trail.InsertAsync(Entry(consentRows, c, stamp), ct);
            }
        }
    }

    private static void Stamp(Entity e, DateTimeOffset now, string? userId)
    {
        e.Version = Guid.NewGuid();
        e.CreatedAt = now;
        e.CreatedBy = userId;
    }

    /// <summary>The entry AuditTrail writes for an added record: each field with a value, as [null, value].</summary>
    private static AuditEntry Entry(BulkTable table, object record, AuditEntry stamp)
    {
        var changes = new Dictionary<string, object?[]>();
        foreach (var p in table.AllProperties)
        {
            if (NotInTrail.Contains(p.Name) || p.GetGetter().GetClrValue(record) is not { } value)
            {
                continue;
            }
            changes[p.Name] = [null, value];
        }
        return new AuditEntry
        {
            At = stamp.At, UserId = stamp.UserId, UserName = stamp.UserName, RequestId = stamp.RequestId, ClientAddress = stamp.ClientAddress,
            EntityType = table.ClrType.Name, EntityKey = table.KeyOf(record), Action = AuditAction.Created,
            Changes = changes.Count == 0 ? null : JsonSerializer.Serialize(changes, TrailJson),
        };
    }
}

/// <summary>
/// One prepared INSERT for an entity type inside a transaction, its columns and parameters from
/// the EF model (column names, value converters, type mappings): a row reads as one EF writes.
/// SQLite syntax (RETURNING for a generated key).
/// </summary>
internal sealed class BulkTable : IDisposable
{
    private readonly IProperty[] columns;
    private readonly RelationalTypeMapping[] mappings;
    private readonly string[] names;
    private readonly IProperty[] key;
    private readonly IProperty? generated;
    private readonly DbCommand command;

    public Type ClrType { get; }
    public IReadOnlyList<IProperty> AllProperties { get; }

    public BulkTable(AppDbContext db, Type clrType, DbConnection connection, DbTransaction transaction)
    {
        ClrType = clrType;
        var type = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        AllProperties = type.GetProperties().ToList();
        if (AllProperties.Any(p => p.IsShadowProperty() || p.GetComputedColumnSql(table) is not null || p.GetDefaultValueSql(table) is not null))
        {
            // A shadow, computed or database-defaulted column would be written differently from EF: not this path.
            throw new NotSupportedException($"{clrType.Name}: the bulk insert writes plain mapped properties only.");
        }
        key = type.FindPrimaryKey()!.Properties.ToArray();
        generated = key is [var k] && k.ValueGenerated == ValueGenerated.OnAdd ? k : null;
        columns = AllProperties.Where(p => p != generated).ToArray();
        mappings = columns.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        names = columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ") VALUES ("
            + string.Join(", ", names) + ")"
            + (generated is null ? "" : " RETURNING " + sql.DelimitIdentifier(generated.GetColumnName(table)!));
    }

    public async Task InsertAsync(object record, CancellationToken ct)
    {
        command.Parameters.Clear();
        for (var i = 0; i < columns.Length; i++)
        {
            // The mapping applies the value converter and the parameter's type, as EF does for its own commands.
            command.Parameters.Add(mappings[i].CreateParameter(command, names[i], columns[i].GetGetter().GetClrValue(record), columns[i].IsNullable));
        }
        if (generated is null)
        {
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        var id = await command.ExecuteScalarAsync(ct);
        generated.PropertyInfo!.SetValue(record, Convert.ChangeType(id, generated.ClrType, CultureInfo.InvariantCulture));
    }

    public string KeyOf(object record) => string.Join(",", key.Select(p => p.GetGetter().GetClrValue(record)));

    public void Dispose() => command.Dispose();
}
