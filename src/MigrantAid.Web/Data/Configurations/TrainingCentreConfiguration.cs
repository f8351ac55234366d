using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class TrainingCentreConfiguration : IEntityTypeConfiguration<TrainingCentre>
{
    public void Configure(EntityTypeBuilder<TrainingCentre> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Code).HasMaxLength(TrainingCentre.CodeMaxLength).IsRequired();
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Name).HasMaxLength(TrainingCentre.NameMaxLength).IsRequired();
        b.Property(e => e.NameArabic).HasMaxLength(TrainingCentre.NameMaxLength);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(e => e.City).HasMaxLength(TrainingCentre.CityMaxLength).IsRequired();
        b.Property(e => e.Address).HasMaxLength(TrainingCentre.AddressMaxLength);
        b.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Province).WithMany().HasForeignKey(e => e.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.RegionId, e.Name });
        b.Property(e => e.SearchKey).HasMaxLength(TrainingCentre.SearchKeyMaxLength).IsRequired();
        b.HasIndex(e => e.SearchKey);
    }
}

internal sealed class CentreTradeConfiguration : IEntityTypeConfiguration<CentreTrade>
{
    public void Configure(EntityTypeBuilder<CentreTrade> b)
    {
        b.HasKey(e => new { e.TrainingCentreId, e.TradeId });
        b.HasOne(e => e.TrainingCentre).WithMany(c => c.Trades).HasForeignKey(e => e.TrainingCentreId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Trade).WithMany().HasForeignKey(e => e.TradeId).OnDelete(DeleteBehavior.Restrict);
    }
}
