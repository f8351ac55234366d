using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MigrantAid.Web.Infrastructure.Localization;

/// <summary>
/// MVC's own model-binding messages (a date or number that does not parse) in the user's
/// language, so a typing error gets a clear message instead of English text.
/// </summary>
public sealed class ModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, _) => l["Validation.ValueInvalid", value]);
        m.SetValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value]);
        m.SetUnknownValueIsInvalidAccessor(_ => l["Validation.ValueUnknown"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.ValueUnknown"]);
        m.SetValueMustBeANumberAccessor(_ => l["Validation.MustBeNumber"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.MustBeNumber"]);
        m.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
        m.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
        m.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
    }
}
