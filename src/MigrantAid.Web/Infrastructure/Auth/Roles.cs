namespace MigrantAid.Web.Infrastructure.Auth;

/// <summary>The six roles of DOMAIN.md.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string NationalManager = nameof(NationalManager);
    public const string RegionalManager = nameof(RegionalManager);
    public const string CentreDirector = nameof(CentreDirector);
    public const string SocialWorker = nameof(SocialWorker);
    public const string PartnerViewer = nameof(PartnerViewer);

    public static readonly IReadOnlyList<string> All =
        [Administrator, NationalManager, RegionalManager, CentreDirector, SocialWorker, PartnerViewer];
}
