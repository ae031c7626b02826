using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Platform.Accounts;

/// <summary>
/// Cookie sign-in with local accounts, plus OpenID Connect when `Authentication:Oidc:Authority` is configured.
/// Either way the cookie carries the account id; roles are re-read from the account wherever a command is handled.
/// </summary>
public static class SignIn
{
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    public static void AddGovernanceSignIn(this WebApplicationBuilder builder)
    {
        DataProtectionKeys.AddGovernanceDataProtection(builder.Services);
        var auth = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "governance.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                // APIs answer 401/403 instead of redirecting to the sign-in page.
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });

        var oidc = builder.Configuration.GetSection("Authentication:Oidc");
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            auth.AddOpenIdConnect(OidcScheme, options =>
            {
                oidc.Bind(options);
                options.ResponseType = "code";
                options.SaveTokens = false;
                options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.Events.OnTokenValidated = context => KeepAccountInStep(context, oidc["RoleClaim"] ?? "roles");
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Staff, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Roles.Toc, p => p.RequireRole(Roles.Toc))
            .AddPolicy(Roles.StaffOrToc, p => p.RequireRole(Roles.Staff, Roles.Toc));
        builder.Services.AddCascadingAuthenticationState();
    }

    public static bool OidcEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Authentication:Oidc:Authority"]);

    public static void MapSignIn(this WebApplication app)
    {
        app.MapPost("/account/login", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
            HttpContext http, IQuerySession session) =>
        {
            var account = await session.LoadAsync<Account>(email.Trim().ToLowerInvariant());
            if (account is null || account.Disabled || !account.PasswordMatches(password))
                return Results.LocalRedirect($"/account/login?failed=1&returnUrl={Uri.EscapeDataString(SafeReturn(returnUrl))}");

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, PrincipalFor(account));
            return Results.LocalRedirect(SafeReturn(returnUrl));
        });

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        });

        if (OidcEnabled(app.Configuration))
            app.MapGet("/account/sso", (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturn(returnUrl) }, [OidcScheme]));
    }

    public static ClaimsPrincipal PrincipalFor(Account account)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id),
            new(ClaimTypes.Name, account.DisplayName),
        };
        claims.AddRange(account.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    static string SafeReturn(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") ? "/" : returnUrl;

    static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    static async Task KeepAccountInStep(TokenValidatedContext context, string roleClaim)
    {
        var principal = context.Principal!;
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The identity provider sent no subject claim.");
        var store = context.HttpContext.RequestServices.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>($"oidc:{subject}") ?? new Account { Id = $"oidc:{subject}" };
        account.DisplayName = principal.FindFirstValue("name") ?? principal.Identity?.Name ?? subject;
        account.Roles = principal.FindAll(roleClaim).Select(c => c.Value)
            .Where(r => r is Roles.Staff or Roles.Toc).Distinct().ToList();
        session.Store(account);
        await session.SaveChangesAsync();
        context.Principal = PrincipalFor(account);
    }
}
