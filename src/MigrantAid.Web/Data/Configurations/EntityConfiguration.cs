using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal static class EntityConfiguration
{
    /// <summary>Concurrency token and audit columns shared by every aggregate.</summary>
    public static void ConfigureEntity<T>(this EntityTypeBuilder<T> b) where T : Entity
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.CreatedBy).HasMaxLength(64);
        b.Property(e => e.UpdatedBy).HasMaxLength(64);
    }

    public static void ConfigureReference<T>(this EntityTypeBuilder<T> b) where T : ReferenceEntity
    {
        b.ConfigureEntity();
        b.Property(e => e.Code).HasMaxLength(ReferenceEntity.CodeMaxLength).IsRequired();
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.NameFr).HasMaxLength(ReferenceEntity.NameMaxLength).IsRequired();
        b.Property(e => e.NameAr).HasMaxLength(ReferenceEntity.NameMaxLength).IsRequired();
        b.Property(e => e.NameEn).HasMaxLength(ReferenceEntity.NameMaxLength).IsRequired();
    }
}
