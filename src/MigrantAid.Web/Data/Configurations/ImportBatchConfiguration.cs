using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(e => e.UserId).HasMaxLength(64).IsRequired();
        b.Property(e => e.Kind).HasMaxLength(ImportBatch.KindMaxLength).IsRequired();
        b.Property(e => e.FileName).HasMaxLength(ImportBatch.FileNameMaxLength).IsRequired();
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(e => e.CreatedAt);
    }
}

internal sealed class ImportProgressEntryConfiguration : IEntityTypeConfiguration<ImportProgressEntry>
{
    public void Configure(EntityTypeBuilder<ImportProgressEntry> b)
    {
        b.Property(e => e.Id).HasMaxLength(ImportProgressEntry.IdMaxLength);
        b.HasIndex(e => e.UpdatedAt);
    }
}

internal sealed class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public void Configure(EntityTypeBuilder<ImportRow> b)
    {
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Name).HasMaxLength(ImportRow.NameMaxLength);
        b.Property(e => e.DuplicateOf).HasMaxLength(Migrant.DuplicateNoteMaxLength);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.BatchId, e.Outcome, e.Line });
    }
}
