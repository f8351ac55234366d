using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> b) => b.ConfigureReference();
}

internal sealed class TradeConfiguration : IEntityTypeConfiguration<Trade>
{
    public void Configure(EntityTypeBuilder<Trade> b)
    {
        b.ConfigureReference();
        b.HasOne(e => e.Sector).WithMany(s => s.Trades).HasForeignKey(e => e.SectorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DiplomaTrackConfiguration : IEntityTypeConfiguration<DiplomaTrack>
{
    public void Configure(EntityTypeBuilder<DiplomaTrack> b) => b.ConfigureReference();
}
