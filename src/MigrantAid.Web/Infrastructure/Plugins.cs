using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Web.Infrastructure;

/// <summary>
/// An entry of the top navigation, added by the feature that owns the page
/// (<c>services.AddNavEntry(...)</c> in its <c>AddXFeature()</c>); the layout lists the
/// entries whose permission the user holds, by <see cref="Order"/>.
/// </summary>
public sealed record NavEntry(string Path, string LabelKey, string Permission, int Order);

/// <summary>
/// A block of the home page: a view component of the feature that owns it, shown to the
/// users for whom <see cref="ShowFor"/> holds (a permission, a scope kind), by
/// <see cref="Order"/>. The home page knows no feature: it renders what is registered.
/// </summary>
public sealed record HomeWidget(Type ViewComponent, int Order, Func<AccessScope, bool> ShowFor);

/// <summary>
/// A block that another feature adds to a record's page (e.g. the conventions an enrolment is
/// attributed to): a view component invoked with <c>recordId</c>, listed by the record's page
/// through Features/Shared/_RecordPanels.cshtml for its <see cref="RecordType"/>.
/// </summary>
public sealed record RecordPanel(string RecordType, Type ViewComponent, int Order);

/// <summary>The record types that have pages other features add panels to.</summary>
public static class RecordTypes
{
    public const string Enrolment = nameof(Enrolment);
    public const string Migrant = nameof(Migrant);
}

/// <summary>What a record's page passes to Features/Shared/_RecordPanels.cshtml.</summary>
public sealed record RecordPanelHost(string RecordType, int RecordId);

/// <summary>
/// An action on a person, added by the feature that owns it (e.g. "propose an activity",
/// "beneficiary card"): a button on the case file and, when <see cref="OnRiskList"/>, on each
/// row of the dropout risk list, for users holding <see cref="Permission"/>.
/// <see cref="UrlFormat"/> holds {0} for the migrant's id (an app-relative "~/..." path).
/// </summary>
public sealed record PersonAction(string UrlFormat, string LabelKey, string Permission, int Order, bool OnRiskList = false)
{
    public string Url(int migrantId) => string.Format(System.Globalization.CultureInfo.InvariantCulture, UrlFormat, migrantId);
}

/// <summary>
/// Development demo data of one feature (never in production). The demo seeder runs the
/// contributors by <see cref="Order"/> after reference data, demo centres and accounts,
/// inside the system scope with auditing suppressed. Each must be deterministic (fixed seeds)
/// and idempotent (do nothing when its data is there).
/// </summary>
public interface IDemoDataContributor
{
    int Order { get; }
    Task SeedAsync(AppDbContext db, DemoDataOptions options, CancellationToken ct);
}

/// <summary>Size of the generated demo (the <c>demo-data --migrants N</c> verb sets it).</summary>
public sealed record DemoDataOptions(int Migrants = DemoDataOptions.DefaultMigrants, int Seed = 2016)
{
    public const int DefaultMigrants = 3000;
}

public static class PluginRegistration
{
    public static IServiceCollection AddNavEntry(this IServiceCollection services, string path, string labelKey, string permission, int order) =>
        services.AddSingleton(new NavEntry(path, labelKey, permission, order));

    public static IServiceCollection AddRecordPanel<TViewComponent>(this IServiceCollection services, string recordType, int order) =>
        services.AddSingleton(new RecordPanel(recordType, typeof(TViewComponent), order));

    public static IServiceCollection AddPersonAction(this IServiceCollection services, PersonAction action) =>
        services.AddSingleton(action);

    public static IServiceCollection AddHomeWidget<TViewComponent>(this IServiceCollection services, int order, Func<AccessScope, bool> showFor) =>
        services.AddSingleton(new HomeWidget(typeof(TViewComponent), order, showFor));
}
