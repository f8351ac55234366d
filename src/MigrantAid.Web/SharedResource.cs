using System.Resources;

[assembly: NeutralResourcesLanguage("fr")]

namespace MigrantAid.Web;

/// <summary>
/// Marker for the app's one set of UI strings: Resources/SharedResource.resx (French, the
/// default), SharedResource.ar.resx and SharedResource.en.resx.
/// </summary>
public sealed class SharedResource;
