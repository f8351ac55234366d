using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MigrantAid.Web.Domain;
using MigrantAid.Web.Infrastructure.Auth;
using QRCoder;

namespace MigrantAid.Web.Features.Account;

// Second factor at sign-in, authenticator set-up and password change.
public sealed partial class AccountController
{
    [AllowAnonymous, HttpGet]
    public async Task<IActionResult> TwoFactor(string? returnUrl = null) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(Login))
            : View(new TwoFactorForm { ReturnUrl = returnUrl });

    [AllowAnonymous, HttpPost]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }
        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = form.UseRecoveryCode
            ? await signInManager.TwoFactorRecoveryCodeSignInAsync(code)
            : await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await RecordAsync(AuditAction.SignIn, user);
            return LocalRedirect(Infrastructure.Security.LocalUrls.ForRedirect(Url, form.ReturnUrl));
        }
        await RecordAsync(result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, user);
        logger.LogWarning("Second-factor sign-in failed for user {UserId}", user.Id);
        ModelState.AddModelError(nameof(form.Code), result.IsLockedOut ? localizer["Account.LockedOut"] : localizer["Account.InvalidCode"]);
        // A tampered "use a recovery code" value (not true/false) would fail the checkbox's rendering: show the posted choice as read.
        ModelState.Remove(nameof(form.UseRecoveryCode));
        form.Code = "";
        return View(form);
    }

    [Authorize, HttpGet]
    public async Task<IActionResult> Authenticator()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }
        if (user.TwoFactorEnabled)
        {
            // An active authenticator's key is the second factor itself: a session alone (a
            // computer left open) must not read it again. The password is asked first.
            return View("AuthenticatorConfirm", new AuthenticatorKeyForm());
        }
        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            key = await userManager.GetAuthenticatorKeyAsync(user);
        }
        return View(AuthenticatorModel(user, key!, enabled: user.TwoFactorEnabled));
    }

    [Authorize, HttpPost]
    public async Task<IActionResult> Authenticator(TwoFactorForm form)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }
        if (user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Authenticator));
        }
        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(form.Code), localizer["Account.InvalidCode"]);
            return View(AuthenticatorModel(user, (await userManager.GetAuthenticatorKeyAsync(user))!, enabled: user.TwoFactorEnabled));
        }
        await userManager.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Two-factor sign-in enabled for user {UserId}", user.Id);
        return View("RecoveryCodes", recoveryCodes!.ToList());
    }

    /// <summary>
    /// Shows an active authenticator's key once more, or replaces it, after a fresh password
    /// check. The key is in this response only (pages are never cached): the next visit asks again.
    /// </summary>
    [Authorize, HttpPost]
    public async Task<IActionResult> AuthenticatorKey(AuthenticatorKeyForm form)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }
        if (!user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Authenticator));
        }
        // Failures count toward the lockout, as at sign-in: a session cannot guess the password.
        var check = await signInManager.CheckPasswordSignInAsync(user, form.Password ?? "", lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            logger.LogWarning("Password check before the authenticator key failed for user {UserId}", user.Id);
            ModelState.AddModelError(nameof(form.Password), check.IsLockedOut ? localizer["Account.LockedOut"] : localizer["Password.Mismatch"]);
            return View("AuthenticatorConfirm", new AuthenticatorKeyForm());
        }
        if (form.Reset)
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            await userManager.SetTwoFactorEnabledAsync(user, false);
            await signInManager.RefreshSignInAsync(user);
            logger.LogInformation("Authenticator key replaced by user {UserId}", user.Id);
            return RedirectToAction(nameof(Authenticator));
        }
        logger.LogInformation("Authenticator key shown again to user {UserId} after a password check", user.Id);
        return View(nameof(Authenticator), AuthenticatorModel(user, (await userManager.GetAuthenticatorKeyAsync(user))!, enabled: true));
    }

    [Authorize, HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [Authorize, HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, [FromServices] ChangePasswordFormValidator validator)
    {
        var validation = await validator.ValidateAsync(form);
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }
        if (validation.IsValid)
        {
            var changed = await userManager.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
            if (changed.Succeeded)
            {
                user.MustChangePassword = false;
                await userManager.UpdateAsync(user);
                // Whoever else holds a session (a stolen cookie, a forgotten computer) is out now,
                // not at the next security-stamp check; this browser stays signed in.
                await SessionStore.EndOthersAsync(db, user.Id, SessionStore.CurrentSessionId(HttpContext));
                await signInManager.RefreshSignInAsync(user);
                logger.LogInformation("Password changed by user {UserId}; other sessions ended", user.Id);
                TempData["Success"] = localizer["Account.PasswordChanged"].Value;
                return Redirect("/");
            }
            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), error.Description);
            }
        }
        else
        {
            Infrastructure.ValidationExtensions.AddTo(validation, ModelState);
        }
        return View(new ChangePasswordForm());
    }

    private AuthenticatorViewModel AuthenticatorModel(ApplicationUser user, string key, bool enabled)
    {
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString("MigrantAid")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=MigrantAid&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(6);
        // Rendered here, never by a third-party service: the key is a secret.
        var formatted = string.Join(" ", key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        return new AuthenticatorViewModel(formatted, "data:image/png;base64," + Convert.ToBase64String(png), enabled);
    }
}

public sealed record AuthenticatorViewModel(string SharedKey, string QrCodeDataUri, bool AlreadyEnabled);
