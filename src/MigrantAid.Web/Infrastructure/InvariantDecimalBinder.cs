using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MigrantAid.Web.Infrastructure;

/// <summary>
/// Amounts and quantities: a browser's number input always posts "1234.5", whatever the page's
/// language, so a decimal is read in the invariant culture first (and in the user's, "1234,5",
/// when typed in a text field). Money is decimal, never floating point.
/// </summary>
public sealed class InvariantDecimalBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue?.Trim().Replace("\u202f", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            return Task.CompletedTask;
        }
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            || decimal.TryParse(text, NumberStyles.Number, CultureInfo.CurrentCulture, out d))
        {
            bindingContext.Result = ModelBindingResult.Success(d);
            return Task.CompletedTask;
        }
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
            bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(value.FirstValue!, bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelName));
        return Task.CompletedTask;
    }
}

public sealed class InvariantDecimalBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(decimal) ? new InvariantDecimalBinder() : null;
    }
}
