using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MigrantAid.Web.Domain;

namespace MigrantAid.Web.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(e => e.Id).HasMaxLength(64);
        b.Property(e => e.UserId).HasMaxLength(64).IsRequired();
        b.HasIndex(e => e.UserId);
        b.HasIndex(e => e.ExpiresAt);
    }
}
