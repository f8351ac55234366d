using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

public sealed class RetentionRunConfiguration : IEntityTypeConfiguration<RetentionRun>
{
    public void Configure(EntityTypeBuilder<RetentionRun> builder)
    {
        builder.Property(e => e.Trigger).HasMaxLength(RetentionRun.TriggerMaxLength);
        builder.Property(e => e.Holder).HasMaxLength(RetentionRun.HolderMaxLength);
        builder.HasIndex(e => e.StartedAt);
    }
}
