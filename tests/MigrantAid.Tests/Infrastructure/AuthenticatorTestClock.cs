using MigrantAid.Web.Data;
using MigrantAid.Web.Infrastructure.Auth;

namespace MigrantAid.Tests.Infrastructure;

/// <summary>
/// The app's authenticator check, with one difference: a code that <see cref="Totp.Code"/>
/// handed out without a time counts as current (as the phone's next code would be), so tests
/// can sign the same demo account in many times a minute while each time-step is still
/// accepted once. Codes computed for a given time are checked against the real clock.
/// </summary>
public sealed class AuthenticatorTestClock(AppDbContext db, TimeProvider clock) : OneTimeAuthenticatorTokenProvider(db, clock)
{
    // Otherwise the real clock, as on the phone that computed the code: the tests' fake clock
    // (TestClock) stands still, and the phone's does not.
    protected override long CurrentTimeStep(string key, string code) =>
        Totp.IssuedStep(key, code) ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
}
