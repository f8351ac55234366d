using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

public sealed class ConventionFigureConfiguration : IEntityTypeConfiguration<ConventionFigure>
{
    public void Configure(EntityTypeBuilder<ConventionFigure> builder)
    {
        builder.Property(e => e.Total).HasPrecision(18, 2);
        // The home page reads the actuals of a few conventions; the national view one kind and year.
        builder.HasIndex(e => new { e.PartnerConventionId, e.Measure, e.Year });
        builder.HasIndex(e => new { e.Kind, e.Year, e.Measure });
    }
}

public sealed class ConventionFigureRefreshConfiguration : IEntityTypeConfiguration<ConventionFigureRefresh>
{
    public void Configure(EntityTypeBuilder<ConventionFigureRefresh> builder) => builder.Property(e => e.Id).ValueGeneratedNever();
}
