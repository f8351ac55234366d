using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.ConfigureReference();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne(e => e.Region).WithMany(r => r.Provinces).HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
