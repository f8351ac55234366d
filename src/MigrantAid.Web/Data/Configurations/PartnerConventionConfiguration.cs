using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

public sealed class PartnerConventionConfiguration : IEntityTypeConfiguration<PartnerConvention>
{
    public void Configure(EntityTypeBuilder<PartnerConvention> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(PartnerConvention.ReferenceMaxLength);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.Title).HasMaxLength(PartnerConvention.TitleMaxLength);
        builder.ConfigureEntity();
    }
}

public sealed class ConventionAttributionConfiguration : IEntityTypeConfiguration<ConventionAttribution>
{
    public void Configure(EntityTypeBuilder<ConventionAttribution> builder)
    {
        builder.HasOne(a => a.PartnerConvention).WithMany().HasForeignKey(a => a.PartnerConventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.PartnerConventionId, a.RecordKind, a.RecordId }).IsUnique();
        // The other way round: "which conventions is this record attributed to".
        builder.HasIndex(a => new { a.RecordKind, a.RecordId });
    }
}
