using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

public sealed class FileNumberCounterConfiguration : IEntityTypeConfiguration<FileNumberCounter>
{
    public void Configure(EntityTypeBuilder<FileNumberCounter> builder)
    {
        builder.HasKey(e => e.Prefix);
        builder.Property(e => e.Prefix).HasMaxLength(FileNumberCounter.PrefixMaxLength);
    }
}
