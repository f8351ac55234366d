using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal static class MoneyConfiguration
{
    /// <summary>Dirhams with centimes: decimal(14,2), never floating point.</summary>
    public static PropertyBuilder<T> IsMoney<T>(this PropertyBuilder<T> p) => p.HasPrecision(14, 2);
}

internal sealed class IncomeActivityConfiguration : IEntityTypeConfiguration<IncomeActivity>
{
    public void Configure(EntityTypeBuilder<IncomeActivity> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Name).HasMaxLength(IncomeActivity.NameMaxLength);
        b.Property(e => e.City).HasMaxLength(IncomeActivity.CityMaxLength);
        b.Property(e => e.BusinessPlan).HasMaxLength(IncomeActivity.PlanMaxLength);
        b.Property(e => e.CommitteeComment).HasMaxLength(IncomeActivity.TextMaxLength);
        b.Property(e => e.Reason).HasMaxLength(IncomeActivity.TextMaxLength);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Sector).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ExpectedMonthlyRevenue).IsMoney();
        b.Property(e => e.GrantRequested).IsMoney();
        b.Property(e => e.GrantGranted).IsMoney();
        b.HasOne(e => e.Trade).WithMany().HasForeignKey(e => e.TradeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Members).WithOne().HasForeignKey(m => m.IncomeActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.BudgetLines).WithOne().HasForeignKey(m => m.IncomeActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Tranches).WithOne().HasForeignKey(m => m.IncomeActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Visits).WithOne().HasForeignKey(m => m.IncomeActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.RegionId, e.Status });
    }
}

internal sealed class ActivityMemberConfiguration : IEntityTypeConfiguration<ActivityMember>
{
    public void Configure(EntityTypeBuilder<ActivityMember> b)
    {
        b.HasOne(e => e.Migrant).WithMany().HasForeignKey(e => e.MigrantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.IncomeActivityId, e.MigrantId }).IsUnique();
    }
}

internal sealed class ActivityBudgetLineConfiguration : IEntityTypeConfiguration<ActivityBudgetLine>
{
    public void Configure(EntityTypeBuilder<ActivityBudgetLine> b)
    {
        b.Property(e => e.Label).HasMaxLength(ActivityBudgetLine.LabelMaxLength);
        b.Property(e => e.Amount).IsMoney();
    }
}

internal sealed class ActivityTrancheConfiguration : IEntityTypeConfiguration<ActivityTranche>
{
    public void Configure(EntityTypeBuilder<ActivityTranche> b)
    {
        b.Property(e => e.Amount).IsMoney();
        b.Property(e => e.Condition).HasMaxLength(IncomeActivity.TextMaxLength);
        b.Property(e => e.ReceiptReference).HasMaxLength(ActivityTranche.ReceiptMaxLength);
    }
}

internal sealed class ActivityVisitConfiguration : IEntityTypeConfiguration<ActivityVisit>
{
    public void Configure(EntityTypeBuilder<ActivityVisit> b)
    {
        b.Property(e => e.MonthlyRevenue).IsMoney();
        b.Property(e => e.MonthlyExpenses).IsMoney();
        b.Property(e => e.Notes).HasMaxLength(IncomeActivity.TextMaxLength);
    }
}

internal sealed class AidSiteConfiguration : IEntityTypeConfiguration<AidSite>
{
    public void Configure(EntityTypeBuilder<AidSite> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Name).HasMaxLength(AidSite.NameMaxLength);
        b.Property(e => e.City).HasMaxLength(IncomeActivity.CityMaxLength);
        b.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.RegionId, e.Name, e.City }).IsUnique();
        b.Ignore(e => e.Label);
    }
}

internal sealed class AidDistributionConfiguration : IEntityTypeConfiguration<AidDistribution>
{
    public void Configure(EntityTypeBuilder<AidDistribution> b)
    {
        b.ConfigureEntity();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Unit).HasMaxLength(AidDistribution.UnitMaxLength);
        b.Property(e => e.DistributedBy).HasMaxLength(AidDistribution.ByMaxLength);
        b.Property(e => e.DifferenceReason).HasMaxLength(AidDistribution.ReasonMaxLength);
        b.Property(e => e.PlannedQuantity).HasPrecision(14, 2);
        b.Property(e => e.ActualQuantity).HasPrecision(14, 2);
        b.Property(e => e.ValueMad).IsMoney();
        b.HasOne(e => e.Site).WithMany().HasForeignKey(e => e.AidSiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Recipients).WithOne(r => r.Distribution).HasForeignKey(r => r.AidDistributionId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(e => e.UnregisteredTotal);
        b.HasIndex(e => new { e.RegionId, e.Date });
        b.HasIndex(e => new { e.AidSiteId, e.Date });
    }
}

internal sealed class AidRecipientConfiguration : IEntityTypeConfiguration<AidRecipient>
{
    public void Configure(EntityTypeBuilder<AidRecipient> b)
    {
        b.HasOne(e => e.Migrant).WithMany().HasForeignKey(e => e.MigrantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.RepeatReason).HasMaxLength(AidDistribution.ReasonMaxLength);
        b.HasIndex(e => new { e.AidDistributionId, e.MigrantId }).IsUnique();
        b.HasIndex(e => e.MigrantId);
    }
}
