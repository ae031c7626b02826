using Governance.Features.Membership;
using Governance.Platform;

namespace Governance.Tests.Membership;

/// <summary>The join rules as pure decisions: command + what the directory knows + today → events or a refusal.</summary>
public class RecordJoinRules
{
    static readonly DateOnly Today = new(2026, 11, 24);
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    static readonly MembershipRules Rules = new();

    static object[] When(RecordJoin command, bool nameTaken = false) =>
        RecordJoinHandler.Decide(command, Id, nameTaken, Rules, Today);

    static void ThenRefused(RecordJoin command, string reason, bool nameTaken = false) =>
        Assert.Contains(reason, Assert.Throws<CommandRefused>(() => When(command, nameTaken)).Message);

    [Fact]
    public void A_join_today_registers_the_organization_and_starts_a_term_of_twelve_months()
    {
        var events = When(new RecordJoin(" Acme Corp ", "https://acme.example", "gold", Today, null));

        Assert.Equal(
        [
            new OrganizationRegistered(Id, "Acme Corp", "https://acme.example"),
            new MemberJoined(Id, "Gold", Today, new DateOnly(2027, 11, 24), null),
        ], events);
    }

    [Fact]
    public void A_back_dated_join_needs_a_reason() =>
        ThenRefused(new RecordJoin("Acme", null, "Silver", Today.AddDays(-1), " "), "needs a reason");

    [Fact]
    public void A_back_dated_join_with_a_reason_keeps_it()
    {
        var joined = Assert.IsType<MemberJoined>(When(new RecordJoin("Acme", null, "Silver", new DateOnly(2020, 1, 1), "Signed in 2020"))[1]);
        Assert.Equal("Signed in 2020", joined.Reason);
    }

    [Fact]
    public void A_join_more_than_a_year_ahead_is_refused()
    {
        ThenRefused(new RecordJoin("Acme", null, "Silver", Today.AddDays(366), null), "more than 365 days ahead");
        Assert.Equal(2, When(new RecordJoin("Acme", null, "Silver", Today.AddDays(365), null)).Length);
    }

    [Fact]
    public void Only_the_foundations_classes_are_accepted() =>
        ThenRefused(new RecordJoin("Acme", null, "Diamond", Today, null), "\"Diamond\" is not a membership class");

    [Fact]
    public void A_name_already_on_record_is_refused() =>
        ThenRefused(new RecordJoin("Acme", null, "Gold", Today, null), "already on record", nameTaken: true);

    [Fact]
    public void A_name_is_required() =>
        ThenRefused(new RecordJoin("  ", null, "Gold", Today, null), "Enter the organization's name");

    [Fact]
    public void A_website_must_be_a_web_address() =>
        ThenRefused(new RecordJoin("Acme", "ftp://acme", "Gold", Today, null), "http or https");

    [Theory]
    [InlineData("Acme Corp", "acmecorp")]
    [InlineData("  ACME\tcorp ", "acmecorp")]
    public void Names_are_compared_ignoring_case_and_spacing(string name, string normalized) =>
        Assert.Equal(normalized, MembershipRules.NormalizeName(name));
}
