using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.UserId).HasMaxLength(64);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.RequestId).HasMaxLength(100);
        b.Property(e => e.ClientAddress).HasMaxLength(64);
        b.Property(e => e.EntityType).HasMaxLength(100).IsRequired();
        b.Property(e => e.EntityKey).HasMaxLength(100);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.EntityType, e.EntityKey });
        b.HasIndex(e => e.UserId);
        // The audit page's filters (keyset paging newest first): each filter column is indexed.
        b.HasIndex(e => e.UserName);
        b.HasIndex(e => e.Action);
    }
}
