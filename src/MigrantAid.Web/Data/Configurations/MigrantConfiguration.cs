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
        b.HasIndex(e => e.ResidenceCardNumber);
        b.HasIndex(e => e.UnhcrNumber);
        b.HasIndex(e => e.Phone);
        b.HasIndex(e => new { e.RegionId, e.Id });
    }
}
