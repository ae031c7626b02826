using System.Net;
using Governance.Platform;
using Governance.Testing;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Tests.Platform;

public class HealthAndSignIn(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    [Fact]
    public async Task Health_is_200_while_the_database_answers()
    {
        var anonymous = await app.ClientAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task The_database_check_is_unhealthy_when_the_database_does_not_answer()
    {
        using var unreachable = DocumentStore.For("Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=2");
        var result = await new DatabaseHealthCheck(unreachable).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        var client = await app.ClientAsync(null);
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = GovernanceApp.Staff.Id, ["password"] = "not-the-password", ["__RequestVerificationToken"] = token,
        }));

        Assert.Contains("failed=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/membership")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_rejected()
    {
        var client = await app.ClientAsync(null);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = GovernanceApp.Staff.Id, ["password"] = GovernanceApp.Passwords[GovernanceApp.Staff.Id],
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void Passwords_are_stored_hashed()
    {
        Assert.DoesNotContain("staff-demo-password", GovernanceApp.Staff.PasswordHash);
        Assert.True(GovernanceApp.Staff.PasswordMatches("staff-demo-password"));
        Assert.False(GovernanceApp.Staff.PasswordMatches("staff-demo-passwore"));
    }
}

public class TwoNodes(GovernanceApp app) : IClassFixture<GovernanceApp>
{
    [Fact]
    public async Task A_sign_in_on_one_node_is_honoured_by_another_node_on_the_same_database()
    {
        var cookies = new CookieContainer();
        await app.ClientAsync(GovernanceApp.Staff, cookies);
        await using var second = await app.StartSecondNodeAsync();

        var onSecond = await second.ClientAsync(null, cookies);

        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/membership/counts")).StatusCode);
        // Both nodes share this machine's file system; what makes it work on separate machines is the key ring
        // living in the database.
        await using var session = app.Store.QuerySession();
        Assert.NotEmpty(await session.Query<Governance.Platform.Accounts.DataProtectionKeys.Key>().ToListAsync());
    }
}
