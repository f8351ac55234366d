using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class MigrantConfiguration : IEntityTypeConfiguration<Migrant>
{
    public void Configure(EntityTypeBuilder<Migrant> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.FileNumber).HasMaxLength(Migrant.FileNumberMaxLength).IsRequired();
        b.HasIndex(e => e.FileNumber).IsUnique();
        b.Property(e => e.FamilyName).HasMaxLength(Migrant.NameMaxLength).IsRequired();
        b.Property(e => e.GivenName).HasMaxLength(Migrant.NameMaxLength).IsRequired();
        b.Property(e => e.FamilyNameArabic).HasMaxLength(Migrant.NameMaxLength);
        b.Property(e => e.GivenNameArabic).HasMaxLength(Migrant.NameMaxLength);
        b.Property(e => e.Sex).HasConversion<string>().HasMaxLength(10);
        b.Property(e => e.Languages).HasMaxLength(Migrant.LanguagesMaxLength);
        b.Property(e => e.Phone).HasMaxLength(Migrant.PhoneMaxLength);
        b.Property(e => e.City).HasMaxLength(Migrant.CityMaxLength);
        b.Property(e => e.Address).HasMaxLength(Migrant.AddressMaxLength);
        b.Property(e => e.AdministrativeStatus).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ResidenceCardNumber).HasMaxLength(Migrant.DocumentNumberMaxLength);
        b.Property(e => e.UnhcrNumber).HasMaxLength(Migrant.DocumentNumberMaxLength);
        b.Property(e => e.EducationLevel).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Skills).HasMaxLength(Migrant.SkillsMaxLength);
        b.Property(e => e.ConsentScope).HasMaxLength(Migrant.ConsentScopeMaxLength);
        b.Property(e => e.ConsentRecordedById).HasMaxLength(64);
        b.Property(e => e.RegisteredById).HasMaxLength(64);
        b.HasOne(e => e.Nationality).WithMany().HasForeignKey(e => e.NationalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Restrict);
        // A document number identifies one person: unique per kind of document (stored normalised,
        // see Migrant.NormalizeDocumentNumber), so two registrations at the same moment cannot both
        // save it. Empty numbers are NULL, which a unique index allows many times (SQL Server: EF
        // filters the index on IS NOT NULL). Merged stubs keep theirs: the number stays with the person.
        b.HasIndex(e => e.ResidenceCardNumber).IsUnique();
        b.HasIndex(e => e.UnhcrNumber).IsUnique();
        b.HasIndex(e => e.Phone);
        b.HasIndex(e => new { e.RegionId, e.Id });
        b.Property(e => e.FamilyNameKey).HasMaxLength(Migrant.KeyMaxLength).IsRequired();
        b.Property(e => e.GivenNameKey).HasMaxLength(Migrant.KeyMaxLength).IsRequired();
        b.Property(e => e.FamilyNameArabicKey).HasMaxLength(Migrant.KeyMaxLength);
        b.Property(e => e.GivenNameArabicKey).HasMaxLength(Migrant.KeyMaxLength);
        b.Property(e => e.PhoneKey).HasMaxLength(Migrant.PhoneMaxLength);
        b.Property(e => e.ConfirmedNotDuplicateOf).HasMaxLength(Migrant.DuplicateNoteMaxLength);
        // Duplicate check: same name keys (either script), then nationality and year of birth.
        b.HasIndex(e => new { e.FamilyNameKey, e.GivenNameKey, e.NationalityId });
        b.HasIndex(e => new { e.FamilyNameArabicKey, e.GivenNameArabicKey, e.NationalityId });
        b.HasIndex(e => e.PhoneKey);
        // Duplicate check across scripts: a name's skeleton looked up in both columns.
        b.Property(e => e.NameSkeletonKey).HasMaxLength(Migrant.KeyMaxLength);
        b.Property(e => e.ArabicNameSkeletonKey).HasMaxLength(Migrant.KeyMaxLength);
        b.HasIndex(e => new { e.NameSkeletonKey, e.NationalityId });
        b.HasIndex(e => new { e.ArabicNameSkeletonKey, e.NationalityId });
        b.HasIndex(e => new { e.FamilyName, e.GivenName, e.Id });
        b.HasIndex(e => new { e.AdministrativeStatus, e.ResidenceCardExpiry });
        b.HasIndex(e => e.MergedIntoId);
        // The nationalities present in a region (or the country): a grouped read of this index only.
        b.HasIndex(e => new { e.RegionId, e.NationalityId });
        // Dashboards count files registered per month, nationally and per region (issue 11).
        b.HasIndex(e => new { e.CreatedAt, e.AdministrativeStatus });
        b.HasIndex(e => new { e.RegionId, e.CreatedAt, e.AdministrativeStatus });
        b.HasOne<Migrant>().WithMany().HasForeignKey(e => e.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.NameTokens).WithOne().HasForeignKey(t => t.MigrantId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Household).WithOne(h => h.Migrant).HasForeignKey(h => h.MigrantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MigrantNameTokenConfiguration : IEntityTypeConfiguration<MigrantNameToken>
{
    public void Configure(EntityTypeBuilder<MigrantNameToken> b)
    {
        // Token first: a prefix search is a range scan on this key, yielding migrant ids.
        b.HasKey(e => new { e.Token, e.MigrantId });
        b.Property(e => e.Token).HasMaxLength(MigrantNameToken.TokenMaxLength);
        b.HasIndex(e => e.MigrantId);
    }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Text).HasMaxLength(CaseNote.TextMaxLength).IsRequired();
        b.Property(e => e.AuthorId).HasMaxLength(64);
        b.HasOne(e => e.Migrant).WithMany().HasForeignKey(e => e.MigrantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.MigrantId, e.Date });
    }
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ReferredTo).HasMaxLength(Need.ReferredToMaxLength);
        b.Property(e => e.Notes).HasMaxLength(Need.NotesMaxLength);
        b.HasOne(e => e.Migrant).WithMany().HasForeignKey(e => e.MigrantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.MigrantId, e.OpenedOn });
    }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Name).HasMaxLength(Migrant.NameMaxLength);
        b.Property(e => e.Relationship).HasConversion<string>().HasMaxLength(20);
        b.HasOne(e => e.RelatedMigrant).WithMany().HasForeignKey(e => e.RelatedMigrantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MigrantMergeConfiguration : IEntityTypeConfiguration<MigrantMerge>
{
    public void Configure(EntityTypeBuilder<MigrantMerge> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.MovedRecords).HasMaxLength(MigrantMerge.MovedRecordsMaxLength).IsRequired();
        b.Property(e => e.ReversedBy).HasMaxLength(64);
        b.HasOne<Migrant>().WithMany().HasForeignKey(e => e.KeptId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Migrant>().WithMany().HasForeignKey(e => e.MergedId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.KeptId);
        b.HasIndex(e => e.MergedId);
    }
}
