using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.HasKey(e => e.Name);
        builder.Property(e => e.Name).HasMaxLength(JobLease.NameMaxLength);
        builder.Property(e => e.Holder).HasMaxLength(JobLease.HolderMaxLength);
    }
}
