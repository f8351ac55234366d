using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class AidRecipientUploadConfiguration : IEntityTypeConfiguration<AidRecipientUpload>
{
    public void Configure(EntityTypeBuilder<AidRecipientUpload> b)
    {
        b.Property(e => e.FileName).HasMaxLength(AidRecipientUpload.FileNameMaxLength);
        b.Property(e => e.FileHash).HasMaxLength(AidRecipientUpload.HashLength).IsFixedLength();
        b.Property(e => e.RecipientsHash).HasMaxLength(AidRecipientUpload.HashLength).IsFixedLength();
        b.HasOne(e => e.Distribution).WithMany().HasForeignKey(e => e.AidDistributionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.AidDistributionId, e.FileHash });
        b.HasIndex(e => e.RecipientsHash);
    }
}
