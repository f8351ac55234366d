using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MigrantAid.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>Copies FluentValidation errors into MVC's model state, so the form shows them next to each field.</summary>
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState)
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }
    }
}
