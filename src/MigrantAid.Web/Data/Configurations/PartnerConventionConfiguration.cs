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
        builder.Property(c => c.TitleAr).HasMaxLength(PartnerConvention.TitleMaxLength);
        builder.Property(c => c.TitleEn).HasMaxLength(PartnerConvention.TitleMaxLength);
        builder.Property(c => c.AgeBands).HasMaxLength(PartnerConvention.AgeBandsMaxLength);
        builder.Property(c => c.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SuspendedFrom).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Budget).HasPrecision(18, 2);
        builder.Property(c => c.AgencyShare).HasPrecision(18, 2);
        builder.Property(c => c.ExchangeRateToMad).HasPrecision(18, 6);
        builder.HasIndex(c => c.Status);
        builder.HasMany(c => c.Partners).WithOne().HasForeignKey(p => p.PartnerConventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Regions).WithOne().HasForeignKey(r => r.PartnerConventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Indicators).WithOne(i => i.PartnerConvention).HasForeignKey(i => i.PartnerConventionId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureEntity();
    }
}

public sealed class ConventionPartnerConfiguration : IEntityTypeConfiguration<ConventionPartner>
{
    public void Configure(EntityTypeBuilder<ConventionPartner> builder)
    {
        builder.HasOne(p => p.Partner).WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.PartnerConventionId, p.PartnerId }).IsUnique();
        // The partner scope: "the conventions of this partner".
        builder.HasIndex(p => p.PartnerId);
    }
}

public sealed class ConventionRegionConfiguration : IEntityTypeConfiguration<ConventionRegion>
{
    public void Configure(EntityTypeBuilder<ConventionRegion> builder)
    {
        builder.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PartnerConventionId, r.RegionId }).IsUnique();
        builder.HasIndex(r => r.RegionId);
    }
}

public sealed class ConventionIndicatorConfiguration : IEntityTypeConfiguration<ConventionIndicator>
{
    public void Configure(EntityTypeBuilder<ConventionIndicator> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(ConventionIndicator.CodeMaxLength);
        builder.HasIndex(i => new { i.PartnerConventionId, i.Code }).IsUnique();
        builder.Property(i => i.TitleFr).HasMaxLength(ConventionIndicator.TitleMaxLength);
        builder.Property(i => i.TitleAr).HasMaxLength(ConventionIndicator.TitleMaxLength);
        builder.Property(i => i.TitleEn).HasMaxLength(ConventionIndicator.TitleMaxLength);
        builder.Property(i => i.Unit).HasMaxLength(ConventionIndicator.UnitMaxLength);
        builder.Property(i => i.Baseline).HasPrecision(18, 2);
        builder.HasMany(i => i.Targets).WithOne().HasForeignKey(t => t.ConventionIndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureEntity();
    }
}

public sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> builder)
    {
        builder.Property(t => t.Value).HasPrecision(18, 2);
        builder.HasIndex(t => new { t.ConventionIndicatorId, t.Year, t.Quarter }).IsUnique();
    }
}

public sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> builder)
    {
        builder.Property(v => v.Period).HasMaxLength(ReportVersion.PeriodMaxLength);
        builder.Property(v => v.FrozenBy).HasMaxLength(256);
        builder.HasOne<PartnerConvention>().WithMany().HasForeignKey(v => v.PartnerConventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.PartnerConventionId, v.Period, v.Number }).IsUnique();
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
