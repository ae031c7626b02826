using Governance.Features.Membership;
using Governance.Platform;
using JasperFx.Events;

namespace Governance.Tests.Membership;

/// <summary>
/// The lifecycle rules as pure decisions. Given events build the organization through the real projection,
/// so the state a rule sees is the state the app would see.
/// </summary>
public class MembershipLifecycleRules
{
    static readonly DateOnly Today = new(2026, 11, 24);
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    static readonly MembershipRules Rules = new();

    static Organization Given(params object[] events)
    {
        Organization? organization = null;
        var version = 0;
        foreach (var data in events)
        {
            var e = Wrap(data, ++version);
            organization = data switch
            {
                OrganizationRegistered => OrganizationProjection.Create((IEvent<OrganizationRegistered>)e),
                MemberJoined => OrganizationProjection.Apply((IEvent<MemberJoined>)e, organization!),
                MemberRejoined => OrganizationProjection.Apply((IEvent<MemberRejoined>)e, organization!),
                TierChanged => OrganizationProjection.Apply((IEvent<TierChanged>)e, organization!),
                MembershipRenewed => OrganizationProjection.Apply((IEvent<MembershipRenewed>)e, organization!),
                MembershipLapsed => OrganizationProjection.Apply((IEvent<MembershipLapsed>)e, organization!),
                MemberLeft => OrganizationProjection.Apply((IEvent<MemberLeft>)e, organization!),
                MembershipStatusOverridden => OrganizationProjection.Apply((IEvent<MembershipStatusOverridden>)e, organization!),
                _ => throw new ArgumentException(data.GetType().Name),
            };
        }
        return organization!;
    }

    static IEvent Wrap(object data, int version)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Version = version;
        e.UserName = "Sam Staff";
        e.Timestamp = new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
        return e;
    }

    static readonly OrganizationRegistered Registered = new(Id, "Acme", null);
    static readonly MemberJoined JoinedSilver = new(Id, "Silver", new DateOnly(2026, 1, 10), new DateOnly(2027, 1, 10), "records");
    static Organization SilverMember => Given(Registered, JoinedSilver);

    static void Refused(Action decide, string reason) => Assert.Contains(reason, Assert.Throws<CommandRefused>(decide).Message);

    // Tier changes

    [Fact]
    public void Moving_up_the_class_list_is_an_upgrade_and_down_a_downgrade()
    {
        Assert.Equal(new TierChanged(Id, "Silver", "Gold", TierDirection.Upgrade, Today, null),
            ChangeTierHandler.Decide(SilverMember, new ChangeTier(Id, 2, "gold", Today, null), Rules, Today));
        Assert.Equal(TierDirection.Downgrade,
            ChangeTierHandler.Decide(SilverMember, new ChangeTier(Id, 2, "End User", Today, null), Rules, Today).Direction);
    }

    [Fact]
    public void No_tier_change_to_the_same_tier() =>
        Refused(() => ChangeTierHandler.Decide(SilverMember, new ChangeTier(Id, 2, "Silver", Today, null), Rules, Today), "already a Silver member");

    [Fact]
    public void No_tier_change_on_a_non_member()
    {
        Refused(() => ChangeTierHandler.Decide(Given(Registered), new ChangeTier(Id, 1, "Gold", Today, null), Rules, Today), "is not a member");
        var left = Given(Registered, JoinedSilver, new MemberLeft(Id, "Silver", new DateOnly(2026, 6, 1), "Budget"));
        Refused(() => ChangeTierHandler.Decide(left, new ChangeTier(Id, 3, "Gold", Today, null), Rules, Today), "is not a member");
    }

    [Fact]
    public void Back_dating_needs_a_reason_and_more_than_a_year_ahead_is_refused()
    {
        Refused(() => ChangeTierHandler.Decide(SilverMember, new ChangeTier(Id, 2, "Gold", Today.AddDays(-1), null), Rules, Today), "needs a reason");
        Refused(() => ChangeTierHandler.Decide(SilverMember, new ChangeTier(Id, 2, "Gold", Today.AddDays(366), null), Rules, Today), "more than 365 days ahead");
        Assert.Equal("Board approved in March",
            ChangeTierHandler.Decide(SilverMember, new ChangeTier(Id, 2, "Gold", Today.AddDays(-60), "Board approved in March"), Rules, Today).Reason);
    }

    // Renewals

    [Fact]
    public void A_renewal_within_the_term_continues_it_and_is_not_an_upgrade()
    {
        var renewed = RenewMembershipHandler.Decide(SilverMember, new RenewMembership(Id, 2, Today, null), Rules, Today);
        Assert.Equal(new MembershipRenewed(Id, "Silver", new DateOnly(2027, 1, 10), new DateOnly(2028, 1, 10), false, Today, null), renewed);
    }

    [Fact]
    public void A_renewal_after_the_grace_month_starts_a_new_term_and_keeps_the_gap()
    {
        var lapsed = Given(Registered, JoinedSilver with { EffectiveDate = new DateOnly(2024, 1, 10), TermEnd = new DateOnly(2025, 1, 10) },
            new MembershipLapsed(Id, "Silver", new DateOnly(2025, 1, 10), new DateOnly(2025, 2, 11)));
        Assert.Equal(MembershipStatus.Expired, lapsed.StatusOn(Today));

        var renewed = RenewMembershipHandler.Decide(lapsed, new RenewMembership(Id, 3, Today, null), Rules, Today);

        Assert.Equal(new MembershipRenewed(Id, "Silver", Today, Today.AddMonths(12), true, Today, null), renewed);
        var after = Given(Registered, JoinedSilver with { EffectiveDate = new DateOnly(2024, 1, 10), TermEnd = new DateOnly(2025, 1, 10) },
            new MembershipLapsed(Id, "Silver", new DateOnly(2025, 1, 10), new DateOnly(2025, 2, 11)), renewed);
        Assert.True(after.IsMember);
        Assert.Equal(MembershipStatus.New, after.StatusOn(Today));
    }

    [Fact]
    public void A_departed_organization_rejoins_rather_than_renews() =>
        Refused(() => RenewMembershipHandler.Decide(Given(Registered, JoinedSilver, new MemberLeft(Id, "Silver", new DateOnly(2026, 5, 1), "Budget")),
            new RenewMembership(Id, 3, Today, null), Rules, Today), "record a rejoin");

    // Lapse

    [Fact]
    public void The_lapse_check_records_a_lapse_only_for_the_term_it_was_scheduled_for()
    {
        var check = new CheckLapse(Id, new DateOnly(2027, 1, 10));
        Assert.Equal([new MembershipLapsed(Id, "Silver", new DateOnly(2027, 1, 10), new DateOnly(2027, 2, 11))], CheckLapseHandler.Decide(SilverMember, check));

        var renewed = Given(Registered, JoinedSilver, new MembershipRenewed(Id, "Silver", new DateOnly(2027, 1, 10), new DateOnly(2028, 1, 10), false, Today, null));
        Assert.Empty(CheckLapseHandler.Decide(renewed, check));
        Assert.Empty(CheckLapseHandler.Decide(Given(Registered, JoinedSilver, new MemberLeft(Id, "Silver", Today, "Merged")), check));
    }

    // Departures and rejoins

    [Fact]
    public void Leaving_needs_a_reason_and_happens_once()
    {
        Refused(() => RecordDepartureHandler.Decide(SilverMember, new RecordDeparture(Id, 2, Today, " "), Rules, Today), "Say why");
        var left = Given(Registered, JoinedSilver, RecordDepartureHandler.Decide(SilverMember, new RecordDeparture(Id, 2, Today, "Acquired"), Rules, Today));
        Assert.Equal(MembershipStatus.Left, left.StatusOn(Today));
        Refused(() => RecordDepartureHandler.Decide(left, new RecordDeparture(Id, 3, Today, "Again"), Rules, Today), "already left");
    }

    [Fact]
    public void No_second_active_membership() =>
        Refused(() => RecordRejoinHandler.Decide(SilverMember, new RecordRejoin(Id, 2, "Gold", Today, null), Rules, Today), "already a member");

    [Fact]
    public void A_rejoin_after_leaving_starts_a_new_membership()
    {
        var left = Given(Registered, JoinedSilver, new MemberLeft(Id, "Silver", new DateOnly(2026, 3, 1), "Budget cut"));
        var rejoined = RecordRejoinHandler.Decide(left, new RecordRejoin(Id, 3, "gold", Today, null), Rules, Today);
        Assert.Equal(new MemberRejoined(Id, "Gold", Today, Today.AddMonths(12), null), rejoined);
        Assert.Equal(MembershipStatus.New, Given(Registered, JoinedSilver, new MemberLeft(Id, "Silver", new DateOnly(2026, 3, 1), "Budget cut"), rejoined).StatusOn(Today));
    }

    // Statuses

    [Theory]
    [InlineData("2026-01-10", "New")]
    [InlineData("2026-04-09", "New")]
    [InlineData("2026-04-10", "Current")]
    [InlineData("2027-01-10", "Current")]
    [InlineData("2027-01-11", "Grace")]
    [InlineData("2027-02-10", "Grace")]
    [InlineData("2027-02-11", "Expired")]
    [InlineData("2025-12-31", "New")]
    public void Statuses_follow_the_dates(string day, string status) =>
        Assert.Equal(Enum.Parse<MembershipStatus>(status), SilverMember.StatusOn(DateOnly.Parse(day)));

    [Fact]
    public void An_override_holds_until_its_date_and_needs_a_reason()
    {
        Refused(() => OverrideStatusHandler.Decide(SilverMember, new OverrideStatus(Id, 2, MembershipStatus.Current, Today.AddDays(30), ""), Today), "Say why");
        var overridden = Given(Registered, JoinedSilver,
            OverrideStatusHandler.Decide(SilverMember, new OverrideStatus(Id, 2, MembershipStatus.Current, new DateOnly(2027, 3, 1), "Payment in transit"), Today));
        Assert.Equal(MembershipStatus.Current, overridden.StatusOn(new DateOnly(2027, 2, 20)));
        Assert.Equal(MembershipStatus.Expired, overridden.StatusOn(new DateOnly(2027, 3, 2)));
    }

    // Details and contacts

    [Fact]
    public void Details_keep_names_unique_and_web_addresses_valid()
    {
        var organization = SilverMember;
        Refused(() => ChangeOrganizationDetailsHandler.Decide(organization, new ChangeOrganizationDetails(Id, 2, "Globex", null, null, null, false), nameTakenByAnother: true), "already on record");
        Refused(() => ChangeOrganizationDetailsHandler.Decide(organization, new ChangeOrganizationDetails(Id, 2, "Acme", null, null, "javascript:alert(1)", false), false), "logo URL must be");
        Refused(() => ChangeOrganizationDetailsHandler.Decide(organization, new ChangeOrganizationDetails(Id, 2, "Acme", null, null, null, false), false), "Nothing changed");
        Assert.Equal(new OrganizationDetailsChanged(Id, "Acme Inc", null, "DE", null, true),
            ChangeOrganizationDetailsHandler.Decide(organization, new ChangeOrganizationDetails(Id, 2, " Acme Inc ", "", "DE", null, true), false));
    }

    [Fact]
    public void Contacts_need_a_name_and_a_valid_address() =>
        Refused(() => ChangeContactsHandler.Decide(SilverMember, new ChangeContacts(Id, 2, new Contact("Ana", "not-an-address"), null, null)),
            "primary contact's e-mail address is not valid");
}
