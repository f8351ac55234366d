using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MigrantAid.Web.Domain;
using System.Linq.Expressions;
using MigrantAid.Web.Infrastructure.Auditing;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Data;

/// <summary>
/// The one database context (and Identity store). Each provider has a thin subclass only so
/// that each keeps its own migration set (Migrations/Sqlite, Migrations/SqlServer).
/// </summary>
public abstract class AppDbContext(DbContextOptions options, AuditTrail? auditTrail = null, CurrentUser? currentUser = null)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    // Row scope of this context's user, read by the "Scope" query filters below. Deny by
    // default: no user (signed out, or code outside a request that did not opt in to the
    // system scope, or a context built without one) means no row. Read at each query, not
    // when the context is built: the request's context is created while the sign-in cookie
    // is being validated, before HttpContext.User is set.
    private AccessScope Access => currentUser?.Scope ?? AccessScope.Denied;
    internal bool ScopeAll => Access.FilterAll;
    internal int ScopeRegionId => Access.FilterRegionId;
    internal int ScopeCentreId => Access.FilterCentreId;
    internal int ScopeCentreRegionId => Access.FilterCentreRegionId;
    internal int ScopeConventionRegionId => Access.FilterConventionRegionId;
    internal int[] ScopePartnerIds => Access.FilterPartnerIds;

    /// <summary>The name of the row-scope query filter; <c>IgnoreQueryFilters(["Scope"])</c> only in reviewed places.</summary>
    public const string ScopeFilter = "Scope";

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<Trade> Trades => Set<Trade>();
    public DbSet<DiplomaTrack> DiplomaTracks => Set<DiplomaTrack>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<TrainingCentre> TrainingCentres => Set<TrainingCentre>();
    public DbSet<CentreTrade> CentreTrades => Set<CentreTrade>();
    public DbSet<Migrant> Migrants => Set<Migrant>();
    public DbSet<MigrantNameToken> MigrantNameTokens => Set<MigrantNameToken>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();
    public DbSet<MigrantMerge> MigrantMerges => Set<MigrantMerge>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<CentreOffer> CentreOffers => Set<CentreOffer>();
    public DbSet<HostProfessional> HostProfessionals => Set<HostProfessional>();
    public DbSet<HostPlacement> HostPlacements => Set<HostPlacement>();
    public DbSet<MonthlyAttendance> MonthlyAttendance => Set<MonthlyAttendance>();
    public DbSet<EnrolmentRisk> EnrolmentRisks => Set<EnrolmentRisk>();
    public DbSet<IncomeActivity> IncomeActivities => Set<IncomeActivity>();
    public DbSet<ActivityMember> ActivityMembers => Set<ActivityMember>();
    public DbSet<ActivityTranche> ActivityTranches => Set<ActivityTranche>();
    public DbSet<ActivityVisit> ActivityVisits => Set<ActivityVisit>();
    public DbSet<AidSite> AidSites => Set<AidSite>();
    public DbSet<AidDistribution> AidDistributions => Set<AidDistribution>();
    public DbSet<AidRecipient> AidRecipients => Set<AidRecipient>();
    public DbSet<PartnerConvention> PartnerConventions => Set<PartnerConvention>();
    public DbSet<ConventionAttribution> ConventionAttributions => Set<ConventionAttribution>();
    public DbSet<ConventionPartner> ConventionPartners => Set<ConventionPartner>();
    public DbSet<ConventionRegion> ConventionRegions => Set<ConventionRegion>();
    public DbSet<ConventionIndicator> ConventionIndicators => Set<ConventionIndicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportProgressEntry> ImportProgressEntries => Set<ImportProgressEntry>();
    public DbSet<ImportRow> ImportRows => Set<ImportRow>();
    public DbSet<AidRecipientUpload> AidRecipientUploads => Set<AidRecipientUpload>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<PrivacyRequest> PrivacyRequests => Set<PrivacyRequest>();
    public DbSet<SearchIndexState> SearchIndexStates => Set<SearchIndexState>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();
    public DbSet<DashboardFigure> DashboardFigures => Set<DashboardFigure>();
    public DbSet<DashboardFigureRefresh> DashboardFigureRefreshes => Set<DashboardFigureRefresh>();
    public DbSet<FileNumberCounter> FileNumberCounters => Set<FileNumberCounter>();
    public DbSet<ConventionFigure> ConventionFigures => Set<ConventionFigure>();
    public DbSet<ConventionFigureRefresh> ConventionFigureRefreshes => Set<ConventionFigureRefresh>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ApplyScopeFilters(builder);
    }

    private void ApplyScopeFilters(ModelBuilder builder)
    {
        var context = Expression.Constant(this);
        var all = Expression.Property(context, nameof(ScopeAll));
        var region = Expression.Property(context, nameof(ScopeRegionId));
        var centre = Expression.Property(context, nameof(ScopeCentreId));
        foreach (var type in builder.Model.GetEntityTypes().Where(t => t.BaseType is null).Select(t => t.ClrType).ToList())
        {
            var e = Expression.Parameter(type, "e");
            Expression? body = null;
            if (typeof(ICentreScoped).IsAssignableFrom(type))
            {
                body = Expression.OrElse(all, Expression.OrElse(
                    Expression.Equal(Expression.Property(e, nameof(ICentreScoped.TrainingCentreId)), centre),
                    Expression.Equal(Expression.Property(e, nameof(ICentreScoped.RegionId)), region)));
            }
            else if (typeof(IRegionScoped).IsAssignableFrom(type))
            {
                body = Expression.OrElse(all, Expression.Equal(Expression.Property(e, nameof(IRegionScoped.RegionId)), region));
            }
            if (body is not null)
            {
                builder.Entity(type).HasQueryFilter(ScopeFilter, Expression.Lambda(body, e));
            }
        }

        // A centre director also sees the files of the migrants enrolled at their centre (the
        // views show them only the minimal profile), and the host professionals of their region.
        builder.Entity<Migrant>().HasQueryFilter(ScopeFilter, e =>
            ScopeAll || e.RegionId == ScopeRegionId
            // The guard keeps SQLite from probing enrolments for every row when the user is not a director.
            || (ScopeCentreId != -1 && e.Enrolments.Any(x => x.TrainingCentreId == ScopeCentreId)));
        builder.Entity<HostProfessional>().HasQueryFilter(ScopeFilter, e =>
            ScopeAll || e.RegionId == ScopeRegionId || e.RegionId == ScopeCentreRegionId);

        // Conventions: national roles all; a regional reader those covering their region; a
        // partner's liaison those their partner organisations are part of; anyone else none.
        builder.Entity<PartnerConvention>().HasQueryFilter(ScopeFilter, c =>
            ScopeAll
            || (ScopeConventionRegionId != -1 && c.Regions.Any(r => r.RegionId == ScopeConventionRegionId))
            || c.Partners.Any(p => ScopePartnerIds.Contains(p.PartnerId)));
    }

    /// <summary>
    /// Saves an edit made on a form that carried the record's version: false when someone
    /// saved the record in between (optimistic concurrency), so the form can say so.
    /// </summary>
    public async Task<bool> SaveWithVersionAsync<T>(T entity, Guid version, CancellationToken ct) where T : Entity
    {
        Entry(entity).Property(e => e.Version).OriginalValue = version;
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (auditTrail is null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var pending = auditTrail.Capture(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit entries are written in the same transaction as the change: a failed save
        // leaves no entry, and no change is ever left unaudited.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(pending.Select(p => p.ToEntry()));
            await base.SaveChangesAsync(true, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, AuditTrail? auditTrail = null, CurrentUser? currentUser = null)
    : AppDbContext(options, auditTrail, currentUser)
{
    // SQLite has no date-time-with-offset type and cannot compare or sort one stored as text:
    // store it as a sortable 64-bit value (every time here is UTC).
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, AuditTrail? auditTrail = null, CurrentUser? currentUser = null)
    : AppDbContext(options, auditTrail, currentUser)
{
    /// <summary>
    /// The columns searched by prefix as a range (<c>&gt;= prefix AND &lt; NameKey.PrefixUpperBound(prefix)</c>)
    /// compare by code point, as SQLite does: under the server's default linguistic collation
    /// (SQL_Latin1_General_CP1_CI_AS, Arabic_CI_AS) punctuation sorts before digits and letters and
    /// hyphens are nearly ignored, so the bound of a prefix ending in 9, z or a hyphen would sort
    /// below the values it must include. They hold machine keys (normalised tokens, upper-case
    /// file and document numbers, phone digits), never text a person reads in sorted order.
    /// </summary>
    public const string KeyCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Migrant>(m =>
        {
            m.Property(x => x.FileNumber).UseCollation(KeyCollation);
            m.Property(x => x.ResidenceCardNumber).UseCollation(KeyCollation);
            m.Property(x => x.UnhcrNumber).UseCollation(KeyCollation);
            m.Property(x => x.PhoneKey).UseCollation(KeyCollation);
        });
        builder.Entity<MigrantNameToken>().Property(x => x.Token).UseCollation(KeyCollation);
    }
}
