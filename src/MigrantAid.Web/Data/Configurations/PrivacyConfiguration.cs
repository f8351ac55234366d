using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Method).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.PartnerName).HasMaxLength(Consent.PartnerNameMaxLength);
        b.Property(e => e.Witness).HasMaxLength(Consent.WitnessMaxLength);
        b.Property(e => e.RecordedById).HasMaxLength(64);
        b.Property(e => e.WithdrawnById).HasMaxLength(64);
        b.HasOne(e => e.Migrant).WithMany().HasForeignKey(e => e.MigrantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.MigrantId, e.Purpose });
        // The expiring-consents list: by region and expiry.
        b.HasIndex(e => new { e.RegionId, e.ExpiresOn });
    }
}

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.HandledById).HasMaxLength(64);
        b.HasOne(e => e.Migrant).WithMany().HasForeignKey(e => e.MigrantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.Status, e.DueOn });
    }
}
